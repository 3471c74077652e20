using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Turns on SQLite's single write lock for the hub's steady writers — the inbound writer's group commit, the delete of
/// handled events, routing's claims and the SLA sweep's batches — taken in the process, in order, without blocking a
/// thread. Left to SQLite they met in its busy handler, which polls with sleeps of up to 100 ms and favours whoever
/// commits back to back: a delete could wait seconds behind the writer, and each of the writer's commits waited
/// whenever a delete held the lock.
/// On PostgreSQL (row locks, several processes) there is nothing to take turns for: a turn is granted at once.
/// </summary>
public sealed class WriteTurns(IOptions<StorageOptions> storage)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly bool serialise = storage.Value.Provider == StorageProvider.Sqlite;
    private long handedOn;

    /// <summary>Writers take turns (SQLite); on PostgreSQL a turn is granted at once.</summary>
    public bool Serialised => serialise;

    /// <summary>Turns handed on so far. Unchanged between a read and taking a turn: no other turn-taker (router, inbound
    /// writer, event deletes) wrote in between, so what was read is as fresh as a read inside the turn.</summary>
    public long HandedOn => Interlocked.Read(ref handedOn);

    /// <summary>Waits for this caller's turn; dispose the result to hand it on.</summary>
    /// <param name="holder">Who takes it (inbound, routing, …): how long each kind waits for and holds the turn is measured
    /// (<see cref="Events.MessageFlowMetrics"/>: the turn is the single writer's capacity on SQLite).</param>
    /// <param name="routingUnchanged">True for a writer that changes nothing a router reads (the SLA sweep's alert
    /// columns): its turn is not counted in <see cref="HandedOn"/>, so routers keep what they read.</param>
    public async ValueTask<Turn> TakeAsync(string holder, bool routingUnchanged = false)
    {
        if (!serialise)
            return default;
        var asked = System.Diagnostics.Stopwatch.GetTimestamp();
        await turn.WaitAsync();
        return new Turn(this, routingUnchanged, holder, Events.MessageFlowMetrics.TurnTaken(asked, holder));
    }

    public readonly struct Turn(WriteTurns? held, bool routingUnchanged, string holder, long taken) : IDisposable
    {
        public void Dispose()
        {
            if (held is null)
                return;
            if (!routingUnchanged)
                Interlocked.Increment(ref held.handedOn);
            Events.MessageFlowMetrics.TurnHeld(taken, holder);
            held.turn.Release();
        }
    }
}
