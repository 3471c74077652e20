using System.Collections.Concurrent;
using System.Data.Common;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core runs against one hub's database (<see cref="SqlCommandListener"/>): every command
/// counts, whichever context, interceptor or background task ran it. Commands tagged <see cref="ProbeTag"/> (the test's
/// own reads) are not counted.
/// </summary>
public sealed class SqlCommandCounter(string database) : SqlCommandListener(database)
{
    public const string ProbeTag = "cost-probe";

    private readonly ConcurrentQueue<string> commands = new();
    private readonly ConcurrentQueue<string> ownWrites = new();

    /// <summary>Every command seen so far, in order.</summary>
    public IReadOnlyList<string> Commands => [.. commands];

    /// <summary>Writes that ran outside any explicit transaction: each was a commit (and on SQLite FULL a disk sync) of its own.</summary>
    public IReadOnlyList<string> OwnWrites => [.. ownWrites];

    protected override void Executed(DbCommand command)
    {
        commands.Enqueue(command.CommandText);
        if (command.Transaction is null && !command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            ownWrites.Enqueue(command.CommandText);
    }
}
