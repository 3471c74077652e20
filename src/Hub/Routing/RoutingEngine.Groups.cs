using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;

namespace Omnichannel.Hub.Routing;

/// <summary>Routing decisions of several conversations in one write turn and one transaction (<see cref="RoutingGroups"/>).</summary>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// Decides each request in turn on what is read inside the group's transaction — on SQLite nobody else writes until it
    /// commits, so the candidates read once stay exact as long as each pick adds to its operator's load and version. A
    /// known conversation whose version moved on (a drain offered it meanwhile) writes nothing and is answered
    /// <see cref="GroupedOutcome.Retry"/>. All or nothing: anything thrown rolls the whole group back.
    /// </summary>
    public async Task<GroupedDecision[]> DecideGroupAsync(IReadOnlyList<RoutingRequest> requests, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync("routing-group");
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var decisions = await DecideInTransactionAsync(requests, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return decisions;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// <see cref="DecideGroupAsync"/>'s decisions in a write turn and a transaction the caller holds (a routing group's, or
    /// the inbound writer's for the conversations its group just created: <see cref="Pipeline.InboundRouting"/>). The
    /// decisions' rows are saved, not committed; the caller's context must have nothing else to save.
    /// </summary>
    public async Task<GroupedDecision[]> DecideInTransactionAsync(IReadOnlyList<RoutingRequest> requests, CancellationToken cancellationToken)
    {
        var decisions = new GroupedDecision[requests.Count];
        var before = events.Count;
        try
        {
            var pool = await queries.CandidatesAsync(cancellationToken);
            var read = await queries.QueueAsync([.. requests.Where(r => r.Known is null).Select(r => r.ConversationId)], cancellationToken);
            var offers = new List<(int Decision, MadeOffer Made)>();
            for (var i = 0; i < requests.Count; i++)
            {
                var queued = requests[i].Known ?? read.GetValueOrDefault(requests[i].ConversationId);
                var index = i;
                decisions[i] = queued is null ? new GroupedDecision(GroupedOutcome.NotQueued, [])
                    : Router.Pick(pool, queued) is not { } pick ? new GroupedDecision(GroupedOutcome.NoRoom, [])
                    : await DecideInGroupAsync(queued, pick, pool, made => offers.Add((index, made)), cancellationToken);
            }
            // The decisions' rows (offers, timeline entries, busy spells), written together: a statement per kind of row
            // instead of a save per decision. An offer's notification carries its key, known from here on.
            if (db.ChangeTracker.HasChanges())
                await SaveDecisionRowsAsync(cancellationToken);
            foreach (var (decision, made) in offers)
                decisions[decision] = decisions[decision] with { Events = [.. decisions[decision].Events, made.Notification()] };
            return decisions;
        }
        finally
        {
            // The decisions carry their own notifications; whoever asked publishes them.
            events.RemoveRange(before, events.Count - before);
        }
    }

    /// <summary>A decision taken in the inbound writer's transaction and committed with the conversation's first message
    /// (<see cref="Pipeline.InboundRouting"/>): its notifications are published as <see cref="RouteAsync"/> publishes its own.</summary>
    /// <returns>The conversation as assigned (an auto-accepting operator), else null.</returns>
    public async Task<ConversationDto?> PublishDecidedAsync(long conversationId, ChannelKind channel, GroupedDecision decision, CancellationToken cancellationToken)
    {
        events.AddRange(decision.Events);
        return await PublishRoutedAsync(conversationId, channel.IsLive(), cancellationToken);
    }

    /// <summary>The conversation is claimed first (its version still the one read): a stale one writes nothing. The
    /// operator's claim then must find the version the group counted — anything else is a writer outside the turn, and
    /// the group is rolled back.</summary>
    /// <param name="offered">Receives an offer made (not saved yet): its notification is added to the decision after the
    /// group's save.</param>
    private async Task<GroupedDecision> DecideInGroupAsync(QueuedConversation queued, Candidate pick, List<Candidate> pool,
        Action<MadeOffer> offered, CancellationToken cancellationToken)
    {
        var assigns = pick.AutoAccept;
        if (!await ClaimConversationAsync(queued, assigns ? pick.OperatorId : null, cancellationToken))
        {
            MessageFlowMetrics.RoutingLost();
            return GroupedDecision.Retry;
        }
        var now = Now;
        if (await ClaimOperatorAsync(pick.OperatorId, assigns ? now : null, cancellationToken) != pick.Version)
            throw new InvalidOperationException($"Operator {pick.OperatorId} changed inside the routing group's write turn.");
        var mark = events.Count;
        if (assigns)
            await AutoAcceptAsync(queued, pick.OperatorId, cancellationToken, save: false);
        else
            offered(await AddOfferAsync(queued, pick, broadcast: false, cancellationToken));
        pool[pool.IndexOf(pick)] = pick.WithOneMore(queued.Channel, now) with { Version = pick.Version + 1 };
        return new GroupedDecision(GroupedOutcome.Routed, events.GetRange(mark, events.Count - mark));
    }

    /// <returns>True when the plan was followed, false when a conversation in it had changed since it was read (its own
    /// event's router got there first, or another drain did): plan again on fresh data, as the one-at-a-time drain does
    /// after a lost claim. Null when a group failed: the rest is followed one decision at a time.</returns>
    private async Task<bool?> FollowInGroupsAsync(List<(QueuedConversation Conversation, Candidate Operator)> plan)
    {
        // A group's worth at a time: the routers of arriving messages join the next group instead of waiting behind a
        // long plan (an operator who went offline with a thousand conversations), and a plan overtaken by them stops
        // after one group instead of sending the whole queue through the groups again.
        foreach (var chunk in plan.Chunk(RoutingGroups.MaxGroup))
        {
            var decisions = await Task.WhenAll(chunk.Select(p => groups.DecideAsync(new RoutingRequest(p.Conversation.Id, p.Conversation))));
            foreach (var decision in decisions)
                events.AddRange(decision.Events);
            if (decisions.Any(d => d.Outcome == GroupedOutcome.Failed))
                return null;
            if (decisions.Any(d => d.Outcome == GroupedOutcome.Retry))
                return false;
        }
        return true;
    }
}
