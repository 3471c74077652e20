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
    public Task<object?> ScalarAsync(DirectStatement statement, CancellationToken cancellationToken) =>
        RunAsync(statement, DbCommandMethod.ExecuteScalar, async call =>
        {
            var interception = await logger.CommandScalarExecutingAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, call.Started, CommandSource.SaveChanges, cancellationToken);
            var result = interception.HasResult ? interception.Result : await call.Command.ExecuteScalarAsync(cancellationToken);
            return await logger.CommandScalarExecutedAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, result, call.Started, call.Elapsed, CommandSource.SaveChanges, cancellationToken);
        }, cancellationToken);

    /// <summary>Runs an INSERT of several rows … RETURNING: every generated key, in ascending order.</summary>
    public Task<List<long>> KeysAsync(DirectStatement statement, CancellationToken cancellationToken) =>
        RunAsync(statement, DbCommandMethod.ExecuteReader, async call =>
        {
            var interception = await logger.CommandReaderExecutingAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, call.Started, CommandSource.SaveChanges, cancellationToken);
            var reader = interception.HasResult ? interception.Result : await call.Command.ExecuteReaderAsync(cancellationToken);
            await using (reader = await logger.CommandReaderExecutedAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, reader, call.Started, call.Elapsed, CommandSource.SaveChanges, cancellationToken))
            {
                var keys = new List<long>();
                while (await reader.ReadAsync(cancellationToken))
                    keys.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                keys.Sort();
                return keys;
            }
        }, cancellationToken);

    /// <summary>Runs an UPDATE: the rows it changed.</summary>
    public Task<int> NonQueryAsync(DirectStatement statement, CancellationToken cancellationToken) =>
        RunAsync(statement, DbCommandMethod.ExecuteNonQuery, async call =>
        {
            var interception = await logger.CommandNonQueryExecutingAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, call.Started, CommandSource.SaveChanges, cancellationToken);
            var result = interception.HasResult ? interception.Result : await call.Command.ExecuteNonQueryAsync(cancellationToken);
            return await logger.CommandNonQueryExecutedAsync(connection, call.Command, call.Command.CommandText, db, call.Id, connection.ConnectionId, result, call.Started, call.Elapsed, CommandSource.SaveChanges, cancellationToken);
        }, cancellationToken);

    /// <summary>One execution: its command, its id and start for the diagnostics.</summary>
    private readonly record struct Call(DbCommand Command, Guid Id, DateTimeOffset Started)
    {
        public TimeSpan Elapsed => DateTimeOffset.UtcNow - Started;
    }

    /// <summary>Binds the statement and runs it; a failure is reported to EF's diagnostics (CommandError) and thrown.</summary>
    private async Task<T> RunAsync<T>(DirectStatement statement, DbCommandMethod method, Func<Call, Task<T>> run, CancellationToken cancellationToken)
    {
        var call = Bind(statement);
        try
        {
            return await run(call);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await logger.CommandErrorAsync(connection, call.Command, call.Command.CommandText, db, method, call.Id, connection.ConnectionId, ex, call.Started, call.Elapsed, CommandSource.SaveChanges, cancellationToken);
            throw;
        }
    }

    /// <summary>The shape's command (created on first use) with this row's values as its parameters, each through its
    /// column's type mapping (value converters included), as EF binds them. The parameters are made once per command, by
    /// the mapping (name, type, nullability); later rows set only their values, converted as the mapping converts them.</summary>
    private Call Bind(DirectStatement statement)
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
        var parameters = command.Parameters;
        for (var i = 0; i < shape.Columns.Length; i++)
        {
            var mapping = shape.Columns[i].GetRelationalTypeMapping();
            var value = statement.Values[i];
            if (i < parameters.Count && (value is not Enum || mapping.Converter is not null))
                parameters[i].Value = (mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            else if (i < parameters.Count)
                parameters[i] = mapping.CreateParameter(command, shape.Names[i], value, shape.Columns[i].IsNullable);
            else
                parameters.Add(mapping.CreateParameter(command, shape.Names[i], value, shape.Columns[i].IsNullable));
        }
        return new Call(command, Guid.NewGuid(), DateTimeOffset.UtcNow);
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
