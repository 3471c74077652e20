using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// SQLite only: EF Core sends every row of a <c>SaveChanges</c> as a command of its own (SQLite has no batching), and
/// Microsoft.Data.Sqlite compiles each new command's SQL afresh (<c>sqlite3_prepare</c>: parse, plan) — for a group
/// of 50 inbound messages the same three statements were compiled 150 times. Inside a transaction, this runs an
/// <c>INSERT</c>/<c>UPDATE</c>/<c>DELETE</c> on a command kept per connection and SQL text instead, whose compiled
/// statement is reused; only the parameters are bound anew. EF Core still builds, logs and interprets every command as
/// before (interceptors, concurrency checks, the generated keys read back): only the compilation is skipped. The kept
/// statements live only while the connection stays open — the group's transaction — and are finalised before EF Core
/// closes it: a pooled connection may get another native handle next time, and a statement must never run on a handle
/// another connection holds. A command still reading is not reused.
/// </summary>
public sealed class SqlitePreparedWrites : DbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>Distinct statements kept per connection; past it the oldest are dropped (rare shapes of rows).</summary>
    public const int MaxPerConnection = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, Prepared>> Kept = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Reusable(command) is { } prepared ? InterceptionResult<DbDataReader>.SuppressWithResult(prepared.ExecuteReader()) : result;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Reusable(command) is { } prepared ? InterceptionResult<DbDataReader>.SuppressWithResult(await prepared.ExecuteReaderAsync(cancellationToken)) : result;

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Reusable(command) is { } prepared ? InterceptionResult<int>.SuppressWithResult(prepared.ExecuteNonQuery()) : result;

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Reusable(command) is { } prepared ? InterceptionResult<int>.SuppressWithResult(await prepared.ExecuteNonQueryAsync(cancellationToken)) : result;

    /// <summary>The kept command for this one's SQL, with this one's transaction, timeout and parameters; null to run it as it is.</summary>
    private static Prepared? Reusable(DbCommand command)
    {
        if (command is not SqliteCommand { Transaction: { } transaction, Connection: { } connection } sqlite || !IsWrite(sqlite.CommandText))
            return null;
        var kept = Kept.GetOrCreateValue(connection);
        if (!kept.TryGetValue(sqlite.CommandText, out var prepared) || prepared.PreparedOn != connection.Handle)
        {
            // (Kept from an earlier opening that was closed behind EF Core's back: left to the statements' finalisers,
            // never run on a native handle that may belong to another connection now.)
            if (kept.Count >= MaxPerConnection)
                Finalise(connection);
            prepared = new Prepared(sqlite.CommandText, connection);
            kept[sqlite.CommandText] = prepared;
        }
        if (prepared.Reading)
            return null;
        prepared.Transaction = transaction;
        prepared.CommandTimeout = sqlite.CommandTimeout;
        prepared.Parameters.Clear();
        foreach (SqliteParameter parameter in sqlite.Parameters)
            prepared.Parameters.Add(parameter);
        return prepared;
    }

    /// <summary>Before the connection closes (its native handle goes back to the pool): the kept statements are finalised.</summary>
    private static void Finalise(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || !Kept.TryGetValue(sqlite, out var kept))
            return;
        foreach (var prepared in kept.Values)
            if (prepared.PreparedOn == sqlite.Handle)
                prepared.Dispose();
        kept.Clear();
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Finalise(connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Finalise(connection);
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Finalise(connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Finalise(connection);
        return ValueTask.FromResult(result);
    }

    private static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A command whose compiled statements live as long as the connection stays open.</summary>
    private sealed class Prepared(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        /// <summary>The native connection its statements belong to (the one open when it was kept).</summary>
        public SQLitePCL.sqlite3? PreparedOn { get; } = connection.Handle;

        /// <summary>A reader of it is still open (it cannot run again until that reader is disposed).</summary>
        public bool Reading => DataReader is not null;
    }
}
