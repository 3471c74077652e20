using Microsoft.Data.Sqlite;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// The SQLite database's write-ahead log, synced to disk on request: what <c>synchronous = FULL</c> does inside every
/// commit, done by <see cref="CommitSync"/> after the commit instead. One sync covers every frame written before it, so
/// it makes durable every commit made so far, of any connection. Null path: nothing to sync (PostgreSQL, an in-memory
/// database).
/// </summary>
public class WalFile(string? path)
{
    /// <summary>The <c>-wal</c> file next to the database file, or null when there is none.</summary>
    public string? Path => path;

    /// <summary>The log of the database in <paramref name="connectionString"/> (an absolute path; see <c>AddStorage</c>).</summary>
    public static WalFile Of(string connectionString) =>
        new(new SqliteConnectionStringBuilder(connectionString) is { DataSource: { Length: > 0 } source, Mode: not SqliteOpenMode.Memory }
            && source != ":memory:" ? source + "-wal" : null);

    /// <summary>Syncs the log to disk (fsync). Opened for each sync, so a log deleted and created again (the last
    /// connection closed, its content checkpointed into the synced database file) is never synced through a stale handle.</summary>
    public virtual void Sync()
    {
        if (path is null)
            return;
        FileStream log;
        try
        {
            // Write access: a stream that cannot write never asks the system to sync. Nothing is written through it.
            log = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            // No log: everything was checkpointed into the database file, which SQLite synced then.
            return;
        }
        using (log)
            log.Flush(flushToDisk: true);
    }
}
