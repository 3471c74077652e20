using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>One SQL command the hub ran, with its parameter values as bound, and what the test was doing then.</summary>
public sealed record RecordedCommand(string Action, string Sql, IReadOnlyList<RecordedParameter> Parameters);

/// <param name="Provider">A copy of the provider's own parameter (its exact database type, e.g. Npgsql's), when it can be copied.</param>
public sealed record RecordedParameter(string Name, object? Value, DbType DbType, object? Provider = null);

/// <summary>
/// Records every SQL command EF Core runs against one hub's database (found by a piece of its connection string), with
/// its parameters, from EF's diagnostic events — whichever context, interceptor or background task ran it — labelled
/// with the action the test said it was doing (<see cref="During"/>). Commands tagged <see cref="SqlCommandCounter.ProbeTag"/>
/// (the test's own reads) and commands run while no action is under way are not recorded.
/// </summary>
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string database;
    private readonly IDisposable all;
    private readonly ConcurrentQueue<IDisposable> subscriptions = new();
    private readonly ConcurrentQueue<RecordedCommand> commands = new();
    private volatile string? action;

    /// <summary>Create it before the hub starts: EF caches for a while whether anyone listens to its command events.</summary>
    public SqlCommandRecorder(string database)
    {
        this.database = database;
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<RecordedCommand> Commands => [.. commands];

    /// <summary>Labels the commands run until the returned scope is disposed (by the request or by work it set off).</summary>
    public IDisposable During(string name)
    {
        action = name;
        return new Scope(this);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            subscriptions.Enqueue(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (action is not { } current || value.Value is not CommandExecutedEventData { Command: var command }
            || command.Connection?.ConnectionString.Contains(database, StringComparison.OrdinalIgnoreCase) != true
            || command.CommandText.Contains(SqlCommandCounter.ProbeTag, StringComparison.Ordinal))
            return;
        var parameters = command.Parameters.Cast<System.Data.Common.DbParameter>()
            .Select(p => new RecordedParameter(p.ParameterName, p.Value is DBNull ? null : p.Value, p.DbType, (p as ICloneable)?.Clone())).ToList();
        commands.Enqueue(new RecordedCommand(current, command.CommandText, parameters));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        while (subscriptions.TryDequeue(out var s))
            s.Dispose();
    }

    private sealed class Scope(SqlCommandRecorder recorder) : IDisposable
    {
        public void Dispose() => recorder.action = null;
    }
}
