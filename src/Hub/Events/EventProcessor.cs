using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Events;

/// <summary>An event this process holds the claim on, with what the writer already has in memory (null after a restart).</summary>
public sealed record ClaimedEvent(long EventId, long ConversationId, StoredInbound? Stored);

/// <param name="Handled">Completes once the event was handled (or failed and was released for a retry).</param>
/// <param name="Removed">Completes once it is no longer held here (deleted, or released).</param>
public sealed record EventTasks(Task Handled, Task Removed);

/// <summary>
/// Runs the domain events this process claimed. A conversation always goes to the same worker (single writer per
/// conversation in the process; the claim makes it one across processes), so its events run in the order they were
/// committed. Handled events are deleted in batches by one <see cref="EventCompleter"/> for all workers (an event handled
/// but not yet deleted stays in flight here, so this process never handles it twice); a failed one is released for the
/// dispatcher to retry.
/// </summary>
public sealed class EventProcessor : IAsyncDisposable
{
    private readonly IServiceScopeFactory scopes;
    private readonly EventClaims claims;
    private readonly ILogger<EventProcessor> logger;
    private readonly Channel<Work>[] partitions;
    private readonly Task[] workers;
    private readonly ConcurrentDictionary<long, Work> inFlight = new();
    private readonly EventCompleter completer;
    private readonly EventSignal signal;
    private int unhandled;
    private Task? stopping;

    private sealed class Work(ClaimedEvent claimed)
    {
        private const int Deferred = 0, Awaited = 1, Gone = 2;
        private int state;

        public ClaimedEvent Event { get; } = claimed;
        public TaskCompletionSource Done { get; } = NewSource();
        public TaskCompletionSource Removed { get; } = NewSource();
        public EventTasks Tasks => new(Done.Task, Removed.Task);
        public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        /// <summary>Somebody waits for the delete: true the first time (the completer is then told).</summary>
        public bool Await() => Interlocked.CompareExchange(ref state, Awaited, Deferred) == Deferred;

        /// <summary>Gone from the outbox (or released): true if somebody had been waiting for it.</summary>
        public bool Remove() => Interlocked.Exchange(ref state, Gone) == Awaited;
    }

    /// <summary>Events queued here and not handled yet.</summary>
    public int Unhandled => Volatile.Read(ref unhandled);

    public EventProcessor(IServiceScopeFactory scopes, EventClaims claims, EventSignal signal, WriteTurns turns, TimeProvider time,
        IOptions<EventsOptions> options, ILogger<EventProcessor> logger, IHostApplicationLifetime? lifetime = null)
    {
        // The last handled events are deleted once the host has stopped (the web server and the dispatcher are gone)
        // but before its services are disposed — from disposal the database could no longer be reached.
        lifetime?.ApplicationStopped.Register(() => StopAsync().Wait(TimeSpan.FromSeconds(20)));
        this.signal = signal;
        this.scopes = scopes;
        this.claims = claims;
        this.logger = logger;
        completer = new EventCompleter(scopes, claims, turns, time, options.Value.DeleteWindow, logger);
        completer.Start();
        partitions = [.. Enumerable.Range(0, Math.Max(1, options.Value.Partitions)).Select(_ => Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true }))];
        workers = [.. partitions.Select(p => Task.Run(() => RunAsync(p.Reader)))];
    }

    /// <summary>
    /// Queues a claimed event (callers queue in commit order). <see cref="EventTasks.Handled"/> completes once it was
    /// handled (or failed and was released), <see cref="EventTasks.Removed"/> once it is gone from the outbox.
    /// </summary>
    /// <param name="awaitRemoval">The caller waits for <see cref="EventTasks.Removed"/>: its delete is not deferred.</param>
    public EventTasks Enqueue(ClaimedEvent claimed, bool awaitRemoval = false)
    {
        var work = new Work(claimed);
        var existing = inFlight.GetOrAdd(claimed.EventId, work);
        if (awaitRemoval)
            AwaitRemoval(existing);
        if (existing != work)
            return existing.Tasks;
        Interlocked.Increment(ref unhandled);
        if (!partitions[(int)(claimed.ConversationId % partitions.Length)].Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref unhandled);
            throw new ObjectDisposedException(nameof(EventProcessor), "The hub is shutting down.");
        }
        return work.Tasks;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The event is held in this process right now (handled or about to be, its delete perhaps pending). With
    /// <paramref name="awaitRemoval"/> the caller is going to wait for <see cref="EventTasks.Removed"/>, so its delete runs at once.
    /// </summary>
    public EventTasks? InFlight(long eventId, bool awaitRemoval = false)
    {
        if (!inFlight.TryGetValue(eventId, out var work))
            return null;
        if (awaitRemoval)
            AwaitRemoval(work);
        return work.Tasks;
    }

    private void AwaitRemoval(Work work)
    {
        if (work.Await())
            completer.Expedite();
    }

    /// <summary>A partition's worker: handles its events one after the other; their deletes go to the completer.</summary>
    private async Task RunAsync(ChannelReader<Work> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var work))
            {
                MessageFlowMetrics.EventWaited(work.Queued);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var ok = await HandleAsync(work.Event);
                MessageFlowMetrics.Handled(started);
                Interlocked.Decrement(ref unhandled);
                // The delete is queued before whoever waits (the request that stored it, a provider's retry) goes on.
                if (ok)
                    completer.Add(new HandledEvent(work.Event.EventId, () => Removed(work)));
                else
                {
                    Removed(work);
                    signal.Notify();
                }
                work.Done.TrySetResult();
            }
        }
    }

    private async Task<bool> HandleAsync(ClaimedEvent claimed)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MessageReceivedHandler>().HandleAsync(claimed, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Handling event {EventId} of conversation {ConversationId} failed; it will be retried", claimed.EventId, claimed.ConversationId);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await claims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), claimed.EventId, ex.Message, CancellationToken.None);
            }
            catch (Exception release)
            {
                logger.LogError(release, "Releasing event {EventId} failed; its claim expires on its own", claimed.EventId);
            }
            return false;
        }
    }

    private void Removed(Work work)
    {
        inFlight.TryRemove(work.Event.EventId, out _);
        if (work.Remove())
            completer.Expedited();
        work.Removed.TrySetResult();
    }

    /// <summary>Takes no more events, lets the workers finish and deletes what they handled (once; later calls wait for it).</summary>
    public Task StopAsync()
    {
        lock (partitions)
            return stopping ??= StopCoreAsync();
    }

    private async Task StopCoreAsync()
    {
        foreach (var partition in partitions)
            partition.Writer.TryComplete();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await completer.StopAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
