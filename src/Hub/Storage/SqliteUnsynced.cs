using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Runs one SQLite write that may be lost on power loss without harm (a handled event's delete: losing it only means
/// the event is handled again, and handlers are idempotent) with <c>synchronous = NORMAL</c> on its connection for
/// that one command: committed to the WAL file without a disk sync of its own. It survives a crash of the hub (the
/// file is in the OS's cache) and becomes durable with the next synced commit, which syncs the whole log.
/// The connection's configured setting is restored in the same command, so the pooled connection goes back as it was;
/// if the command fails half-way the pool is cleared, so no connection is ever left unsynced.
/// </summary>
public static class SqliteUnsynced
{
    /// <summary>
    /// Opens <paramref name="db"/>'s connection unsynced for everything until the result is disposed — a transaction whose
    /// loss on power loss is harmless. Disposing restores the configured setting (or, failing that, clears the pool) and
    /// closes the connection.
    /// </summary>
    public static async Task<IAsyncDisposable> OpenAsync(OmnichannelDb db, SqliteSynchronous configured, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Another store (a hub on PostgreSQL whose writers were told to take SQLite's turns, as a test does): only opened.
        var restore = new Restore(db, configured == SqliteSynchronous.Normal || !db.Database.IsSqlite() ? null
            : Synced(configured));
        if (restore.Sql is null)
            return restore;
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;", cancellationToken);
        }
        catch
        {
            await restore.DisposeAsync();
            throw;
        }
        return restore;
    }

    private sealed record Restore(OmnichannelDb Db, string? Sql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (Sql is not null)
                    await Db.Database.ExecuteSqlRawAsync(Sql);
            }
            catch
            {
                ClearPool(Db);
                throw;
            }
            finally
            {
                await Db.Database.CloseConnectionAsync();
            }
        }
    }

    public static async Task<int> ExecuteAsync(OmnichannelDb db, SqliteSynchronous configured, string sql, IEnumerable<object> parameters, CancellationToken cancellationToken)
    {
        if (configured == SqliteSynchronous.Normal)
            return await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        // The caller's SQL carries its values as parameters; only the two pragmas are added around it.
        var unsynced = string.Concat("PRAGMA synchronous = NORMAL; ", sql, "; ", Synced(configured));
        try
        {
            return await db.Database.ExecuteSqlRawAsync(unsynced, parameters, cancellationToken);
        }
        catch
        {
            ClearPool(db);
            throw;
        }
    }

    /// <summary>The pragma that puts a connection back to the configured setting.</summary>
    private static string Synced(SqliteSynchronous configured) =>
        string.Concat("PRAGMA synchronous = ", configured.ToString().ToUpper(CultureInfo.InvariantCulture), ";");

    /// <summary>A connection whose setting could not be restored never goes back into the pool.</summary>
    private static void ClearPool(OmnichannelDb db)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
            SqliteConnection.ClearPool(connection);
    }
}
