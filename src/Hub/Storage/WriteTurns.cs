using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Turns on SQLite's single write lock for the hub's two batch writers — the inbound writer's group commit and the
/// delete of handled events — taken in the process, in order, without blocking a thread. Left to SQLite they met in
/// its busy handler, which polls with sleeps of up to 100 ms and favours whoever commits back to back: a delete
/// could wait seconds behind the writer, and each of the writer's commits waited whenever a delete held the lock.
/// On PostgreSQL (row locks, several processes) there is nothing to take turns for: a turn is granted at once.
/// </summary>
public sealed class WriteTurns(IOptions<StorageOptions> storage)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly bool serialise = storage.Value.Provider == StorageProvider.Sqlite;

    /// <summary>Waits for this caller's turn; dispose the result to hand it on.</summary>
    public async ValueTask<Turn> TakeAsync()
    {
        if (!serialise)
            return default;
        await turn.WaitAsync();
        return new Turn(turn);
    }

    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
