using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Events;

/// <summary>
/// Finds domain events nobody is handling — written by a process that died before handling them, or whose claim
/// expired — claims them in the database and hands them to the <see cref="EventProcessor"/>. Runs at start and then
/// every <see cref="EventsOptions.PollInterval"/> (on <see cref="TimeProvider"/>), or sooner when signalled.
/// </summary>
public sealed class EventDispatcher(
    IServiceScopeFactory scopes, EventClaims claims, EventProcessor processor, EventSignal signal, TimeProvider time,
    IOptions<EventsOptions> options, ILogger<EventDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PassAsync(null, takeOverEarlierLife: false, stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Event dispatch failed; retrying after the poll interval");
            }
            await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>
    /// A provider retried a message that is already stored: whatever is still pending for its conversation is
    /// handled now (taking over from an earlier life of this node), so the retry is answered once it is pushed.
    /// </summary>
    public async Task HandlePendingAsync(long conversationId, CancellationToken cancellationToken)
    {
        while (await PassAsync(conversationId, takeOverEarlierLife: true, cancellationToken) > 0)
        {
        }
    }

    /// <summary>One pass: claims what may be claimed now (the head event of each conversation) and waits until handled.</summary>
    public async Task<int> PassAsync(long? conversationId, bool takeOverEarlierLife, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var heads = await claims.Claimable(db, takeOverEarlierLife)
            .Where(e => conversationId == null || e.ConversationId == conversationId)
            .OrderBy(e => e.Id).Take(options.Value.BatchSize)
            .Select(e => new { e.Id, e.ConversationId })
            .ToListAsync(cancellationToken);
        var running = new List<Task>();
        foreach (var head in heads)
        {
            if (processor.InFlight(head.Id, awaitRemoval: true) is { } here)
                running.Add(here.Removed);
            else if (await claims.TryClaimAsync(db, head.Id, takeOverEarlierLife, cancellationToken))
                running.Add(processor.Enqueue(new ClaimedEvent(head.Id, head.ConversationId, null), awaitRemoval: true).Removed);
        }
        // Held by this process already (handled by a request right now): wait for it, then the next one may follow.
        if (conversationId is not null)
        {
            var mine = await db.Set<DomainEvent>().AsNoTracking().Where(e => e.ConversationId == conversationId && e.ClaimedBy == claims.Me)
                .Select(e => e.Id).ToListAsync(cancellationToken);
            running.AddRange(mine.Select(id => processor.InFlight(id, awaitRemoval: true)).OfType<EventTasks>().Select(t => t.Removed));
        }
        await Task.WhenAll(running);
        if (heads.Count > 0 && running.Count == 0)
            logger.LogDebug("{Count} events are held by other processes", heads.Count);
        return running.Count;
    }
}
