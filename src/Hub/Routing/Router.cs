using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Routing;

/// <summary>An operator as the router sees them: presence, capacity, load, skills.</summary>
public sealed record Candidate(
    long OperatorId,
    Presence Presence,
    int LiveCapacity,
    int AsyncCapacity,
    int ActiveLive,
    int ActiveAsync,
    IReadOnlyCollection<string> Skills,
    DateTime? LastAssignedAt,
    bool AutoAccept = false)
{
    /// <summary>The operator's routing version when read: an offer is made only if it is still the same.</summary>
    public long Version { get; init; }

    public int Active => ActiveLive + ActiveAsync;

    /// <summary>Teams the operator is a member of.</summary>
    public IReadOnlyCollection<long> Teams { get; init; } = [];

    public int FreeFor(ChannelKind channel) => channel.IsLive() ? LiveCapacity - ActiveLive : AsyncCapacity - ActiveAsync;

    public Candidate WithOneMore(ChannelKind channel, DateTime at) =>
        channel.IsLive() ? this with { ActiveLive = ActiveLive + 1, LastAssignedAt = at } : this with { ActiveAsync = ActiveAsync + 1, LastAssignedAt = at };
}

/// <summary>A conversation waiting for a human, with the deadline that orders the queue.</summary>
public sealed record QueuedConversation(long Id, ChannelKind Channel, DateTime Deadline, IReadOnlyCollection<string> RequiredSkills)
{
    /// <summary>Operators who declined it or let an offer expire: not asked again by the normal ladder.</summary>
    public IReadOnlySet<long> Excluded { get; init; } = new HashSet<long>();

    /// <summary>Only members of this team may take it (set by a routing rule until it overflows).</summary>
    public long? TeamId { get; init; }

    /// <summary>The conversation's routing version when read: an offer is made only if it is still the same.</summary>
    public long Version { get; init; }

    /// <summary>A conversation this process just created, as committed: no offer of it exists or existed, so the router
    /// starts from the entity in memory instead of reading it back (null when it is not in the queue).</summary>
    public static QueuedConversation? Created(Conversation conversation) =>
        conversation.QueueDeadline is { } deadline
            ? new QueuedConversation(conversation.Id, conversation.Channel, deadline, conversation.RequiredSkills)
            {
                TeamId = conversation.RequiredTeamId,
                Version = conversation.RoutingVersion,
            }
            : null;
}

/// <summary>Pure routing decisions. No I/O; the routing engine feeds it and acts on its answers.</summary>
public static class Router
{
    public static bool CanTake(Candidate candidate, QueuedConversation conversation) =>
        candidate.Presence == Presence.Available
        && candidate.FreeFor(conversation.Channel) > 0
        && !conversation.Excluded.Contains(candidate.OperatorId)
        && (conversation.TeamId is not { } team || candidate.Teams.Contains(team))
        && HasSkills(candidate, conversation.RequiredSkills);

    // Runs operators × queue times per plan: plain loops, no closures or enumerators.
    private static bool HasSkills(Candidate candidate, IReadOnlyCollection<string> required)
    {
        if (required.Count == 0)
            return true;
        foreach (var skill in required)
        {
            var found = false;
            foreach (var have in candidate.Skills)
                if (string.Equals(have, skill, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            if (!found)
                return false;
        }
        return true;
    }

    /// <summary>The best operator for one conversation: free capacity for its channel and the skills it needs;
    /// then fewest active conversations; then longest since their last assignment; then lowest id (stable).</summary>
    public static Candidate? Pick(IEnumerable<Candidate> candidates, QueuedConversation conversation)
    {
        Candidate? best = null;
        foreach (var candidate in candidates)
            if (CanTake(candidate, conversation) && (best is null || IsBetter(candidate, best)))
                best = candidate;
        return best;
    }

    /// <summary>Every operator who could take the conversation now (the ladder's "everyone at once" step).</summary>
    public static IEnumerable<Candidate> Eligible(IEnumerable<Candidate> candidates, QueuedConversation conversation, bool ignoreExclusions) =>
        candidates.Where(c => CanTake(c, ignoreExclusions ? conversation with { Excluded = new HashSet<long>() } : conversation));

    /// <summary>Hands out the queue, earliest deadline first, while anyone has room; each pick adds to that operator's load.</summary>
    public static List<(QueuedConversation Conversation, Candidate Operator)> Plan(IEnumerable<Candidate> candidates, IEnumerable<QueuedConversation> queue, DateTime now) =>
        PlanPage(candidates, queue, now).Plan;

    /// <summary>
    /// <see cref="Plan"/> over one page of the queue (in queue order), with the operators still having room after it: the
    /// next page is planned with those, so planning page by page decides exactly what planning the whole queue would.
    /// </summary>
    public static (List<(QueuedConversation Conversation, Candidate Operator)> Plan, List<Candidate> Remaining) PlanPage(
        IEnumerable<Candidate> candidates, IEnumerable<QueuedConversation> queue, DateTime now)
    {
        var pool = candidates.ToList();
        var plan = new List<(QueuedConversation, Candidate)>();
        foreach (var conversation in queue.OrderBy(q => q.Deadline).ThenBy(q => q.Id))
        {
            if (pool.Count == 0)
                break;
            var pick = Pick(pool, conversation);
            if (pick is null)
                continue;
            plan.Add((conversation, pick));
            var index = pool.IndexOf(pick);
            var loaded = pick.WithOneMore(conversation.Channel, now);
            if (loaded.FreeFor(ChannelKind.WebChat) <= 0 && loaded.FreeFor(ChannelKind.Email) <= 0)
                pool.RemoveAt(index);
            else
                pool[index] = loaded;
        }
        return (plan, pool);
    }

    private static bool IsBetter(Candidate a, Candidate b)
    {
        if (a.Active != b.Active)
            return a.Active < b.Active;
        var idleA = a.LastAssignedAt ?? DateTime.MinValue;
        var idleB = b.LastAssignedAt ?? DateTime.MinValue;
        if (idleA != idleB)
            return idleA < idleB;
        return a.OperatorId < b.OperatorId;
    }
}
