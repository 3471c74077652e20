using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Lets SQLite itself wait for the write lock (PRAGMA busy_timeout, polled in steps of a millisecond or so) instead
/// of Microsoft.Data.Sqlite's managed retry, which sleeps 150 ms each time it finds the database busy — under
/// concurrent writes that sleep, not the disk, used to set the latency. Also applies
/// <see cref="StorageOptions.Synchronous"/> (a per-connection setting in SQLite), and turns off automatic WAL
/// checkpoints, which <see cref="SqliteCheckpointer"/> runs in the background instead. Temporary storage (statement
/// journals, sorts, transient indexes) stays in memory: on files, SQLite created, wrote and deleted a temporary file ~50
/// times a second at 1,000 web chats a second — three or more system calls each, and a write.
/// </summary>
public sealed class SqliteTuning(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string pragmas =
        $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA wal_autocheckpoint = 0; PRAGMA temp_store = MEMORY;";

    /// <summary>Native connections already tuned: pooled ones are reopened for every query, the pragma sticks.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Tuned = [];

    private static bool NeedsTuning(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Tuned.TryAdd(handle, Tuned);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsTuning(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsTuning(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
