using System.Threading.Channels;
using Omnichannel.Hub.Scheduling;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Events;

/// <summary>A handled event waiting for its delete; <see cref="Removed"/> runs once it is gone (or the delete failed).</summary>
public sealed record HandledEvent(long EventId, Action Removed);

/// <summary>
/// The one place handled events are deleted, for every worker: whatever was handled during the
/// <see cref="EventsOptions.DeleteWindow"/> (on <see cref="TimeProvider"/>) goes in one delete. At 100 web chat
/// messages a second that is one delete for ~10 messages instead of a commit of its own for each, and the inbound
/// writer's commits meet a delete on the write lock a tenth as often. Nobody waits for a delete on the message's path
/// (the ack and the pushes come after handling); whoever does wait for one — the dispatcher after a crash, a
/// provider's retry — expedites it (<see cref="Expedite"/>), and then it runs at once.
/// </summary>
public sealed class EventCompleter(IServiceScopeFactory scopes, EventClaims claims, WriteTurns turns, TimeProvider time, TimeSpan window, ILogger logger)
{
    /// <summary>Upper bound on the handled events one delete removes.</summary>
    public const int MaxDeleteBatch = 1024;

    private readonly Channel<HandledEvent> handled = Channel.CreateUnbounded<HandledEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Wake wake = new();
    private int expedited;
    private int queued;
    private volatile bool closing;
    private Task? loop;

    private sealed class Wake : WakeSignal;

    public void Start() => loop = Task.Run(RunAsync);

    public void Add(HandledEvent done)
    {
        Interlocked.Increment(ref queued);
        handled.Writer.TryWrite(done);
    }

    /// <summary>Someone waits for a delete: no window until <see cref="Expedited"/> was called as often.</summary>
    public void Expedite()
    {
        Interlocked.Increment(ref expedited);
        wake.Notify();
    }

    public void Expedited() => Interlocked.Decrement(ref expedited);

    private bool Waits => window > TimeSpan.Zero && !closing && Volatile.Read(ref expedited) == 0 && Volatile.Read(ref queued) < MaxDeleteBatch;

    private async Task RunAsync()
    {
        var batch = new List<HandledEvent>(MaxDeleteBatch);
        while (await handled.Reader.WaitToReadAsync())
        {
            if (Waits)
                await wake.WaitAsync(window, time, CancellationToken.None);
            // The turn first: whatever is handled while the writer commits goes into this same delete.
            using (await turns.TakeAsync("event-delete"))
            {
                while (batch.Count < MaxDeleteBatch && handled.Reader.TryRead(out var done))
                    batch.Add(done);
                Interlocked.Add(ref queued, -batch.Count);
                if (batch.Count > 0)
                    await DeleteAsync(batch);
            }
        }
    }

    /// <summary>One delete for the whole batch: at-least-once, a crash before it only means the events run again.</summary>
    private async Task DeleteAsync(List<HandledEvent> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await claims.CompleteAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), [.. batch.Select(w => w.EventId)], CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Removing {Count} handled events failed; they run again once their claims expire", batch.Count);
        }
        MessageFlowMetrics.Deleted(started, batch.Count);
        foreach (var done in batch)
            done.Removed();
        batch.Clear();
    }

    /// <summary>Deletes what is left at once (no window) and stops.</summary>
    public async Task StopAsync()
    {
        closing = true;
        wake.Notify();
        handled.Writer.TryComplete();
        if (loop is not null)
            await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
