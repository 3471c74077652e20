using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core runs against one hub's database (found by a piece of its connection string), from
/// EF's diagnostic events — so every command counts, whichever context, interceptor or background task ran it.
/// Commands tagged <see cref="ProbeTag"/> (the test's own reads) are not counted.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string ProbeTag = "cost-probe";

    private readonly string database;
    private readonly IDisposable all;
    private readonly ConcurrentQueue<IDisposable> subscriptions = new();
    private readonly ConcurrentQueue<string> commands = new();
    private readonly ConcurrentQueue<string> ownWrites = new();

    public SqlCommandCounter(string database)
    {
        this.database = database;
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Every command seen so far, in order.</summary>
    public IReadOnlyList<string> Commands => [.. commands];

    /// <summary>Writes that ran outside any explicit transaction: each was a commit (and on SQLite FULL a disk sync) of its own.</summary>
    public IReadOnlyList<string> OwnWrites => [.. ownWrites];

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            subscriptions.Enqueue(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not CommandExecutedEventData data || !Ours(data.Command))
            return;
        commands.Enqueue(data.Command.CommandText);
        if (data.Command.Transaction is null && !data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            ownWrites.Enqueue(data.Command.CommandText);
    }

    private bool Ours(DbCommand command) =>
        command.Connection?.ConnectionString.Contains(database, StringComparison.OrdinalIgnoreCase) == true
        && !command.CommandText.Contains(ProbeTag, StringComparison.Ordinal);

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
}
