using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Runs <see cref="DirectSave"/>'s statements inside the context's transaction, one command per statement shape kept for
/// the whole save: a group of messages prepares each INSERT and UPDATE once instead of once per row (SQLite compiles a
/// command's SQL again for every new command; parsing was a tenth of the hub's CPU on the inbound path). Every execution
/// still goes through EF's command diagnostics — logging, command interceptors, diagnostic listeners see each statement.
/// </summary>
public sealed class DirectCommands(DbContext db) : IAsyncDisposable
{
    private readonly IRelationalConnection connection = db.GetService<IRelationalConnection>();
    private readonly IRelationalCommandDiagnosticsLogger logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
    private readonly Dictionary<DirectShape, DbCommand> commands = [];

    /// <summary>Runs an INSERT … RETURNING: the generated key.</summary>
    public async Task<object?> ScalarAsync(DirectStatement statement, CancellationToken cancellationToken)
    {
        var (command, id, started) = Bind(statement);
        try
        {
            var interception = await logger.CommandScalarExecutingAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, started, CommandSource.SaveChanges, cancellationToken);
            var result = interception.HasResult ? interception.Result : await command.ExecuteScalarAsync(cancellationToken);
            return await logger.CommandScalarExecutedAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, result, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await logger.CommandErrorAsync(connection, command, command.CommandText, db, DbCommandMethod.ExecuteScalar, id, connection.ConnectionId, ex, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken);
            throw;
        }
    }

    /// <summary>Runs an INSERT of several rows … RETURNING: every generated key, in ascending order.</summary>
    public async Task<List<long>> KeysAsync(DirectStatement statement, CancellationToken cancellationToken)
    {
        var (command, id, started) = Bind(statement);
        try
        {
            var interception = await logger.CommandReaderExecutingAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, started, CommandSource.SaveChanges, cancellationToken);
            var reader = interception.HasResult ? interception.Result : await command.ExecuteReaderAsync(cancellationToken);
            await using (reader = await logger.CommandReaderExecutedAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, reader, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken))
            {
                var keys = new List<long>();
                while (await reader.ReadAsync(cancellationToken))
                    keys.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                keys.Sort();
                return keys;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await logger.CommandErrorAsync(connection, command, command.CommandText, db, DbCommandMethod.ExecuteReader, id, connection.ConnectionId, ex, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken);
            throw;
        }
    }

    /// <summary>Runs an UPDATE: the rows it changed.</summary>
    public async Task<int> NonQueryAsync(DirectStatement statement, CancellationToken cancellationToken)
    {
        var (command, id, started) = Bind(statement);
        try
        {
            var interception = await logger.CommandNonQueryExecutingAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, started, CommandSource.SaveChanges, cancellationToken);
            var result = interception.HasResult ? interception.Result : await command.ExecuteNonQueryAsync(cancellationToken);
            return await logger.CommandNonQueryExecutedAsync(connection, command, command.CommandText, db, id, connection.ConnectionId, result, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await logger.CommandErrorAsync(connection, command, command.CommandText, db, DbCommandMethod.ExecuteNonQuery, id, connection.ConnectionId, ex, started, DateTimeOffset.UtcNow - started, CommandSource.SaveChanges, cancellationToken);
            throw;
        }
    }

    /// <summary>The shape's command (created on first use) with this row's values as its parameters, each through its
    /// column's type mapping (value converters included), as EF binds them.</summary>
    private (DbCommand Command, Guid Id, DateTimeOffset Started) Bind(DirectStatement statement)
    {
        var shape = statement.Shape;
        if (!commands.TryGetValue(shape, out var command))
        {
            if (commands.Count >= MaxKept)
                DisposeAll();
            command = connection.DbConnection.CreateCommand();
            command.CommandText = shape.Text;
            commands[shape] = command;
        }
        // The writer's transaction; reading it each time keeps a command valid if a save ever spans a new transaction.
        command.Transaction = connection.CurrentTransaction?.GetDbTransaction();
        command.Parameters.Clear();
        for (var i = 0; i < shape.Columns.Length; i++)
            command.Parameters.Add(shape.Columns[i].GetRelationalTypeMapping().CreateParameter(command, shape.Names[i], statement.Values[i], shape.Columns[i].IsNullable));
        return (command, Guid.NewGuid(), DateTimeOffset.UtcNow);
    }

    /// <summary>Compiled statements kept at most (multi-row INSERTs have a shape per row count).</summary>
    private const int MaxKept = 64;

    private void DisposeAll()
    {
        foreach (var command in commands.Values)
            command.Dispose();
        commands.Clear();
    }

    public ValueTask DisposeAsync()
    {
        DisposeAll();
        return ValueTask.CompletedTask;
    }
}
