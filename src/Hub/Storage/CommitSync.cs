using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Persist-before-ack for the inbound writer's commits on SQLite, with the disk sync out of the write turn. With
/// <c>synchronous = FULL</c> every commit synced the log inside the single writer's turn — about a millisecond each on the
/// bench's disk, a third of a web chat group's turn, during which nobody else could write. The writer now commits without
/// a sync of its own (<see cref="SqliteUnsynced"/>), hands the turn on, and hands what it owes its callers here; one sync
/// of the log (<see cref="WalFile"/>) then covers every commit made before it, and only after it are the callers answered,
/// in commit order. While a sync runs, the writer already writes the next group (and the committed group's events are
/// handled: routed, pushed to operators).
/// </summary>
/// <remarks>Until its sync a commit is in the log but not on the disk: readers of the database see it and operators are
/// shown it a millisecond early; a power cut would lose it — and then its sender had not been told it was stored, so it
/// sends it again (what an operator saw of it reappears as that retry). No later commit survives without it: the log is
/// written in order, and every other connection's commit syncs the log up to itself. On PostgreSQL, or with
/// <see cref="SqliteSynchronous.Normal"/> (no sync promised), nothing is deferred: <see cref="Then"/> runs at once.</remarks>
public sealed class CommitSync : IAsyncDisposable
{
    private readonly WalFile wal;
    private readonly ILogger<CommitSync> logger;
    /// <summary>What is owed, guarded by itself; the sync thread waits on it with <see cref="Monitor.Wait(object)"/> — a plain
    /// block, not a task's wait, which spins before it blocks (2.5 % of the hub's CPU at 1,000 web chats/s).</summary>
    private readonly Queue<Action<Exception?>> owed = new();
    private bool stopping;
    private readonly Task loop;

    public CommitSync(IOptions<StorageOptions> storage, WalFile wal, ILogger<CommitSync> logger)
    {
        this.wal = wal;
        this.logger = logger;
        Deferred = storage.Value.Provider == StorageProvider.Sqlite && storage.Value.Synchronous == SqliteSynchronous.Full && wal.Path is not null;
        loop = Deferred ? RunOnOwnThread() : Task.CompletedTask;
    }

    /// <summary>The sync blocks its thread for as long as the disk takes (a millisecond, or far longer while a checkpoint
    /// writes the database file): on a thread of its own, not one of the pool's few (two on two cores), which the rest of the
    /// hub needs meanwhile.</summary>
    private Task RunOnOwnThread()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            Run();
            done.TrySetResult();
        }) { IsBackground = true, Name = "Omnichannel log sync" }.Start();
        return done.Task;
    }

    /// <summary>The writer commits unsynced and its callers wait for <see cref="Then"/> (SQLite, synchronous FULL).</summary>
    public bool Deferred { get; }

    /// <summary>Runs <paramref name="answer"/> once everything committed so far is on the disk — with the sync's error if
    /// it failed (the commit may then be lost: tell nobody it was stored). At once when nothing is deferred.</summary>
    public void Then(Action<Exception?> answer)
    {
        if (!Deferred)
        {
            answer(null);
            return;
        }
        lock (owed)
        {
            if (!stopping)
            {
                owed.Enqueue(answer);
                if (owed.Count == 1)
                    Monitor.Pulse(owed);
                return;
            }
        }
        answer(new ObjectDisposedException(nameof(CommitSync), "The hub is shutting down."));
    }

    /// <summary>Everything owed so far, once there is something; false once stopping and nothing is left.</summary>
    private bool TakeOwed(List<Action<Exception?>> batch)
    {
        batch.Clear();
        lock (owed)
        {
            while (owed.Count == 0 && !stopping)
                Monitor.Wait(owed);
            while (owed.TryDequeue(out var answer))
                batch.Add(answer);
        }
        return batch.Count > 0;
    }

    private void Run()
    {
        var batch = new List<Action<Exception?>>();
        while (TakeOwed(batch))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Exception? failed = null;
            try
            {
                wal.Sync();
            }
            catch (Exception ex)
            {
                failed = ex;
                logger.LogError(ex, "Syncing the database log to disk failed; {Count} commits are not acknowledged", batch.Count);
            }
            Events.MessageFlowMetrics.Synced(started, batch.Count);
            foreach (var answer in batch)
            {
                try
                {
                    answer(failed);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Answering after the log's sync failed");
                }
            }
        }
    }

    /// <summary>Answers what is owed (the writer, disposed first, hands nothing more), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (owed)
        {
            stopping = true;
            Monitor.Pulse(owed);
        }
        await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
