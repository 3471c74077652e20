using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// Hears every SQL command EF Core runs against one hub's database (found by a piece of its connection string), from
/// EF's diagnostic events — whichever context, interceptor or background task ran it. Commands tagged
/// <see cref="SqlCommandCounter.ProbeTag"/> (the test's own reads) are not passed on.
/// </summary>
public abstract class SqlCommandListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string database;
    private readonly IDisposable all;
    private readonly ConcurrentQueue<IDisposable> subscriptions = new();

    /// <summary>Create it before the hub starts: EF caches for a while whether anyone listens to its command events.</summary>
    protected SqlCommandListener(string database)
    {
        this.database = database;
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>One command of the hub's database ran (not a probe).</summary>
    protected abstract void Executed(DbCommand command);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            subscriptions.Enqueue(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData { Command: var command }
            && command.Connection?.ConnectionString.Contains(database, StringComparison.OrdinalIgnoreCase) == true
            && !command.CommandText.Contains(SqlCommandCounter.ProbeTag, StringComparison.Ordinal))
            Executed(command);
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
        GC.SuppressFinalize(this);
    }
}
