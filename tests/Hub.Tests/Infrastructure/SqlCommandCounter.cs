using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>Every SQL command the hub's contexts run (their text), from when <see cref="Start"/> is called.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();
    private volatile bool counting;
    private readonly ConcurrentQueue<string> ownWrites = new();

    /// <summary>Writes that ran outside any explicit transaction since <see cref="Start"/>: each was a commit (and a disk sync) of its own.</summary>
    public IReadOnlyList<string> OwnWrites => [.. ownWrites];

    /// <summary>Adds the counter to the hub's <see cref="Storage.OmnichannelDb"/> (both providers).</summary>
    public void AddTo(IServiceCollection services)
    {
        services.ConfigureDbContext<Storage.OmnichannelDb>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<Storage.PostgreSqlDb>(options => options.AddInterceptors(this));
    }

    public void Start()
    {
        commands.Clear();
        ownWrites.Clear();
        counting = true;
    }

    public IReadOnlyList<string> Stop()
    {
        counting = false;
        return [.. commands];
    }

    private void Record(DbCommand command)
    {
        if (!counting)
            return;
        commands.Enqueue(command.CommandText);
        if (command.Transaction is null && !command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            ownWrites.Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
