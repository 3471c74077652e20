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
/// committed. Handled events are deleted in batches by one completer for all workers (an event handled but not yet
/// deleted stays in flight here, so this process never handles it twice); a failed one is released for the dispatcher to retry.
/// </summary>
public sealed class EventProcessor : IAsyncDisposable
{
    private readonly IServiceScopeFactory scopes;
    private readonly EventClaims claims;
    private readonly ILogger<EventProcessor> logger;
    private readonly Channel<Work>[] partitions;
    private readonly Task[] workers;
    private readonly ConcurrentDictionary<long, EventTasks> inFlight = new();
    private readonly Channel<Work> completed = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task completer;

    /// <summary>Upper bound on the handled events one delete removes.</summary>
    public const int MaxDeleteBatch = 1024;

    private sealed record Work(ClaimedEvent Event, TaskCompletionSource Done, TaskCompletionSource Removed)
    {
        public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private readonly EventSignal signal;
    private int unhandled;

    /// <summary>Events queued here and not handled yet.</summary>
    public int Unhandled => Volatile.Read(ref unhandled);

    private readonly WriteTurns turns;

    public EventProcessor(IServiceScopeFactory scopes, EventClaims claims, EventSignal signal, WriteTurns turns, IOptions<EventsOptions> options, ILogger<EventProcessor> logger)
    {
        this.turns = turns;
        this.signal = signal;
        this.scopes = scopes;
        this.claims = claims;
        this.logger = logger;
        partitions = [.. Enumerable.Range(0, Math.Max(1, options.Value.Partitions)).Select(_ => Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true }))];
        workers = [.. partitions.Select(p => Task.Run(() => RunAsync(p.Reader)))];
        completer = Task.Run(CompleteLoopAsync);
    }

    /// <summary>
    /// Queues a claimed event (callers queue in commit order). <see cref="EventTasks.Handled"/> completes once it was
    /// handled (or failed and was released), <see cref="EventTasks.Removed"/> once it is gone from the outbox.
    /// </summary>
    public EventTasks Enqueue(ClaimedEvent claimed)
    {
        var work = new Work(claimed, NewSource(), NewSource());
        var tasks = new EventTasks(work.Done.Task, work.Removed.Task);
        var existing = inFlight.GetOrAdd(claimed.EventId, tasks);
        if (existing != tasks)
            return existing;
        Interlocked.Increment(ref unhandled);
        if (!partitions[(int)(claimed.ConversationId % partitions.Length)].Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref unhandled);
            throw new ObjectDisposedException(nameof(EventProcessor), "The hub is shutting down.");
        }
        return tasks;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The event is being handled in this process right now.</summary>
    public EventTasks? InFlight(long eventId) => inFlight.GetValueOrDefault(eventId);

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
                // Whoever waits (the request that stored it, a provider's retry) goes on now; the delete follows.
                work.Done.TrySetResult();
                if (ok)
                    completed.Writer.TryWrite(work);
                else
                {
                    Removed(work);
                    signal.Notify();
                }
            }
        }
    }

    /// <summary>
    /// The one place handled events are deleted, for every partition: whatever was handled while the previous delete
    /// ran goes in the next one. Workers never wait for a delete, and never compete with each other (or with the
    /// inbound writer more than once per batch) for the database's write lock.
    /// </summary>
    private async Task CompleteLoopAsync()
    {
        var handled = new List<Work>(MaxDeleteBatch);
        while (await completed.Reader.WaitToReadAsync())
        {
            // The turn first: whatever is handled while the writer commits goes into this same delete.
            using (await turns.TakeAsync())
            {
                while (handled.Count < MaxDeleteBatch && completed.Reader.TryRead(out var work))
                    handled.Add(work);
                if (handled.Count > 0)
                    await CompleteAsync(handled);
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

    /// <summary>One delete for the whole run: at-least-once, a crash before it only means the events run again.</summary>
    private async Task CompleteAsync(List<Work> handled)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await claims.CompleteAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), [.. handled.Select(w => w.Event.EventId)], CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Removing {Count} handled events failed; they run again once their claims expire", handled.Count);
        }
        MessageFlowMetrics.Deleted(started, handled.Count);
        foreach (var work in handled)
            Removed(work);
        handled.Clear();
    }

    private void Removed(Work work)
    {
        inFlight.TryRemove(work.Event.EventId, out _);
        work.Removed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partition in partitions)
            partition.Writer.TryComplete();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        completed.Writer.TryComplete();
        await completer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
