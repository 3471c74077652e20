using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// Which of the model's tables grow with traffic, and which of their columns are too coarse to find a row by (enums
/// and booleans: a channel, a state, a kind). Read from the hub's EF model, so a new table counts as growing unless it
/// is named here as configuration: a few rows per operator, team or setting, which may be read whole.
/// </summary>
public sealed class GrowingTables
{
    /// <summary>Sized by the staff and the site owner's settings, not by conversations, messages or visitors.</summary>
    public static readonly IReadOnlySet<string> Configuration = new HashSet<string>(StringComparer.Ordinal)
    {
        "Operators", "OperatorAlertSettings", "PushSubscriptions", "Teams", "TeamMembers", "Settings", "RoutingRules",
        "PageRules", "EngagementRules", "CannedResponses", "Labels", "ChannelCursors", "__EFMigrationsHistory",
    };

    /// <summary>
    /// Work queues: a row leaves once its work is done, so the table holds the backlog, and reading it from its head
    /// in key order under a LIMIT is how a queue is read (the event outbox; the outgoing messages' outbox).
    /// </summary>
    public IReadOnlySet<string> Queues { get; } = new HashSet<string>(StringComparer.Ordinal) { "DomainEvents", "Outbox" };

    private readonly Dictionary<string, HashSet<string>> coarse = new(StringComparer.Ordinal);

    public GrowingTables(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table || Configuration.Contains(table))
            {
                if (entity.GetTableName() is { } config)
                    All.Add(config);
                continue;
            }
            All.Add(table);
            var columns = coarse.TryGetValue(table, out var known) ? known : coarse[table] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum || type == typeof(bool))
                    columns.Add(property.GetColumnName());
            }
        }
    }

    /// <summary>Every table of the model (growing or not), to tell a table from a subquery or a table-valued function in a plan.</summary>
    public HashSet<string> All { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Growing => coarse.Keys.Order();

    public bool Grows(string table) => coarse.ContainsKey(table);

    /// <summary>Whether a lookup on these columns only (e.g. Channel = ? AND State = ?) still reads a share of the table.</summary>
    public bool OnlyCoarse(string table, IReadOnlyCollection<string> columns) =>
        columns.Count > 0 && coarse.TryGetValue(table, out var set) && columns.All(set.Contains);
}
