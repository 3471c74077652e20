using System.Collections.Concurrent;
using System.Data;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>One SQL command the hub ran, with its parameter values as bound, and what the test was doing then.</summary>
public sealed record RecordedCommand(string Action, string Sql, IReadOnlyList<RecordedParameter> Parameters);

/// <param name="Provider">A copy of the provider's own parameter (its exact database type, e.g. Npgsql's), when it can be copied.</param>
public sealed record RecordedParameter(string Name, object? Value, DbType DbType, object? Provider = null);

/// <summary>
/// Records every SQL command EF Core runs against one hub's database (<see cref="SqlCommandListener"/>), with its
/// parameters, labelled with the action the test said it was doing (<see cref="During"/>). Commands run while no action
/// is under way are not recorded.
/// </summary>
public sealed class SqlCommandRecorder(string database) : SqlCommandListener(database)
{
    private readonly ConcurrentQueue<RecordedCommand> commands = new();
    private volatile string? action;

    public IReadOnlyList<RecordedCommand> Commands => [.. commands];

    /// <summary>Labels the commands run until the returned scope is disposed (by the request or by work it set off).</summary>
    public IDisposable During(string name)
    {
        action = name;
        return new Scope(this);
    }

    protected override void Executed(System.Data.Common.DbCommand command)
    {
        if (action is not { } current)
            return;
        var parameters = command.Parameters.Cast<System.Data.Common.DbParameter>()
            .Select(p => new RecordedParameter(p.ParameterName, p.Value is DBNull ? null : p.Value, p.DbType, (p as ICloneable)?.Clone())).ToList();
        commands.Enqueue(new RecordedCommand(current, command.CommandText, parameters));
    }

    private sealed class Scope(SqlCommandRecorder recorder) : IDisposable
    {
        public void Dispose() => recorder.action = null;
    }
}
