using System.Linq.Expressions;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Teams;

/// <summary>The teams a person belongs to, with what each serves (for <see cref="ConversationScope.For"/>).</summary>
public sealed record TeamServing(long TeamId, IReadOnlyList<string> Channels, IReadOnlyList<long> MemberIds);

/// <summary>
/// Which conversations one person may see (docs/security.md, "Who sees which conversations"). Everything, or: their
/// own; the shop's waiting queue (no team required); their teams' queues (conversations a rule sent to the team);
/// their teams' channels; and, for supervisors, what their teams' members have.
/// </summary>
public sealed record ConversationScope(long OperatorId, bool Everything, IReadOnlyList<long> Teams, IReadOnlyList<ChannelKind> Channels, IReadOnlyList<long> Members)
{
    /// <summary>A scope that shows every conversation.</summary>
    public static readonly ConversationScope All = new(0, true, [], [], []);

    /// <summary>
    /// Pure: admins see everything; so does anyone in no team (the shop is their team, as before teams existed) and
    /// anyone in a team that serves every channel. Team membership narrows what an operator or supervisor sees.
    /// </summary>
    public static ConversationScope For(long operatorId, bool admin, bool supervisor, IReadOnlyList<TeamServing> teams)
    {
        if (admin || teams.Count == 0 || teams.Any(t => t.Channels.Count == 0))
            return new(operatorId, true, [], [], []);
        var channels = teams.SelectMany(t => t.Channels).Select(c => Enum.Parse<ChannelKind>(c, ignoreCase: true)).Distinct().ToList();
        var members = supervisor ? teams.SelectMany(t => t.MemberIds).Distinct().ToList() : [];
        return new(operatorId, false, [.. teams.Select(t => t.TeamId)], channels, members);
    }

    /// <summary>The rule as a query filter (EF translates it; tests run the same expression over objects).</summary>
    public Expression<Func<Conversation, bool>> Predicate()
    {
        if (Everything)
            return c => true;
        var (me, teams, channels, members) = (OperatorId, Teams.ToList(), Channels.ToList(), Members.ToList());
        return c => c.AssignedOperatorId == me
            || (c.State == ConversationState.Waiting && c.RequiredTeamId == null)
            || (c.RequiredTeamId != null && teams.Contains(c.RequiredTeamId.Value))
            || channels.Contains(c.Channel)
            || (c.AssignedOperatorId != null && members.Contains(c.AssignedOperatorId.Value));
    }

    /// <summary>
    /// The same rule as SQL over a conversation aliased c, for the search engines (SQLite and PostgreSQL alike; only ids
    /// and channel names are written into it, never anything a user typed). Null when everything is visible.
    /// </summary>
    public string? Sql(Func<string, string> quote)
    {
        if (Everything)
            return null;
        string Column(string name) => $"c.{quote(name)}";
        static string List<T>(IEnumerable<T> values, Func<T, string> format) => string.Join(", ", values.Select(format).DefaultIfEmpty("NULL"));
        var ids = (IEnumerable<long> values) => List(values, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return $"({Column("AssignedOperatorId")} = {OperatorId}"
            + $" OR ({Column("State")} = '{ConversationState.Waiting}' AND {Column("RequiredTeamId")} IS NULL)"
            + $" OR {Column("RequiredTeamId")} IN ({ids(Teams)})"
            + $" OR {Column("Channel")} IN ({List(Channels, c => $"'{c}'")})"
            + $" OR {Column("AssignedOperatorId")} IN ({ids(Members)}))";
    }
}
