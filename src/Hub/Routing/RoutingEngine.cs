using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// The one place routing decisions are taken and acted on: offers (or assigns at once for auto-accept), and hands out
/// the queue whenever capacity frees up. The pure <see cref="Router"/> decides on what <see cref="RoutingQueries"/>
/// read; the decision is then claimed in the database — the operator's and the conversation's routing versions must
/// still be the ones read — in the same transaction as the offer, so of two decisions taken at once (in this process
/// or another) one wins and the other is taken again on fresh data. No lock is held across I/O.
/// Notifications are published once the decision is committed.
/// </summary>
public sealed partial class RoutingEngine(
    OmnichannelDb db, RoutingQueries queries, IPublisher publisher, TimeProvider time, IOptions<RoutingOptions> options, WriteTurns turns, RoutingGroups groups)
{
    /// <summary>How often a decision that lost to a concurrent one is taken again before giving up until the next event.</summary>
    private const int MaxAttempts = 8;

    private readonly List<INotification> events = [];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Offers one conversation (it just arrived or came back) to the best operator who can take it.</summary>
    /// <param name="known">The conversation as the caller just committed it (a new one: no offers); used for the
    /// first attempt instead of reading it back. A stale version only loses the claim, and the next attempt reads.</param>
    /// <returns>The conversation as the decision left it when it was assigned (an auto-accepting operator), else null: the
    /// caller's own pushes about it then say assigned too, not the waiting state it was committed in.</returns>
    public async Task<ConversationDto?> RouteAsync(long conversationId, CancellationToken cancellationToken, QueuedConversation? known = null)
    {
        var live = true;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Read first, outside the write turn: most messages of a waiting conversation find an offer already out or
            // nobody with room, and then nothing is written — they take no turn, so the inbound writer's group commit
            // and the routers that do offer are not kept waiting behind their reads.
            var handedOn = turns.HandedOn;
            var queued = await QueuedAsync(attempt);
            // Nothing to route (an offer is already out, e.g. the visitor wrote again while it rings): neither
            // capacity nor the queue changed, so the widget's state is not recomputed for every such message.
            if (queued.Count == 0)
                return null;
            live = queued[0].Channel.IsLive();
            // A conversation this process just created goes straight to the next routing group (SQLite), which reads the
            // candidates inside its turn — read here too, they were read twice. Later messages of a waiting conversation
            // look first, so a backlog of them (nobody with room) takes no turn.
            List<Candidate>? candidates = null;
            if (!(groups.Enabled && attempt == 0 && known is not null))
            {
                candidates = await queries.CandidatesAsync(cancellationToken);
                if (Router.Pick(candidates, queued[0]) is null)
                    break;
            }
            // Someone has room. On SQLite the decision goes to the next routing group: one turn and one transaction for
            // the decisions that queued up meanwhile, on what is read inside it.
            if (groups.Enabled && await groups.DecideAsync(new RoutingRequest(conversationId, attempt == 0 ? known : null)) is { Outcome: not GroupedOutcome.Failed } decision)
            {
                events.AddRange(decision.Events);
                if (decision.Outcome == GroupedOutcome.NotQueued)
                    return null;
                if (decision.Outcome == GroupedOutcome.Retry)
                    continue;
                break;
            }
            // Alone (PostgreSQL, or the group failed): the decision is claimed in one write turn, on what was read inside it —
            // routers of other conversations (the event workers, in parallel) wait for it instead of reading the same
            // operator version and losing the claim, and nobody waits in SQLite's busy handler for the inbound writer.
            // What was read before is kept when no turn was handed on meanwhile (no other router claimed since); the claim
            // checks the versions read either way.
            using var turn = await turns.TakeAsync("routing");
            if (turns.HandedOn != handedOn)
            {
                queued = await QueuedAsync(attempt);
                if (queued.Count == 0)
                    return null;
                candidates = null;
            }
            candidates ??= await queries.CandidatesAsync(cancellationToken);
            if (Router.Pick(candidates, queued[0]) is not { } pick
                || await TryOfferInTurnAsync(queued[0], pick, broadcast: false, cancellationToken))
                break;
        }
        // The first attempt routes the conversation the caller just committed as it is; later ones read it back.
        async Task<List<QueuedConversation>> QueuedAsync(int attempt) =>
            attempt == 0 && known is not null ? [known] : await queries.QueueAsync(conversationId, cancellationToken);

        return await PublishRoutedAsync(conversationId, live, cancellationToken);
    }

    private async Task<ConversationDto?> PublishRoutedAsync(long conversationId, bool live, CancellationToken cancellationToken)
    {
        // The widget's state reads live (web chat) capacity and the web chat queue only: routing a messaging or
        // email conversation (offered, assigned or queued) changes neither, so it is not recomputed for it.
        if (live)
            events.Add(new CapacityChanged());
        var assigned = events.OfType<ConversationChanged>().LastOrDefault(e => e.Conversation.Id == conversationId)?.Conversation;
        await PublishAsync(cancellationToken);
        return assigned;
    }

    /// <summary>Hands out the queue, earliest deadline first, while anyone has room.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await DrainCoreAsync(cancellationToken);
        await PublishAsync(cancellationToken);
    }

    private async Task DrainCoreAsync(CancellationToken cancellationToken)
    {
        var grouped = groups.Enabled;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidates = await queries.CandidatesAsync(cancellationToken);
            if (candidates.Count == 0)
                break;
            var plan = await PlanAsync(candidates, cancellationToken);
            // On SQLite the plan goes to the routing groups (up to a group's size per write turn and transaction, each
            // decision taken again on what is read inside it); after a group failed, one decision per turn as before.
            if (grouped && await FollowInGroupsAsync(plan) is { } followed)
            {
                if (followed)
                    break;
                continue;
            }
            grouped = false;
            if (await FollowPlanAsync(candidates, plan, cancellationToken))
                break;
        }
        events.Add(new CapacityChanged());
    }

    /// <returns>False when a concurrent decision got in first: plan again on fresh data.</returns>
    private async Task<bool> FollowPlanAsync(List<Candidate> candidates, List<(QueuedConversation Conversation, Candidate Operator)> plan,
        CancellationToken cancellationToken)
    {
        // An operator given more than one conversation: each offer of ours moves their version on by one.
        var versions = candidates.ToDictionary(c => c.OperatorId, c => c.Version);
        foreach (var (conversation, pick) in plan)
        {
            if (!await TryOfferAsync(conversation, pick with { Version = versions[pick.OperatorId] }, broadcast: false, cancellationToken))
                return false;
            versions[pick.OperatorId]++;
            // Committed: nothing it loaded is needed by the next offer (callers saved theirs before draining). A context
            // still tracking every conversation, contact and offer of a long plan made each save re-scan them all —
            // quadratic in the plan, most of the CPU when a backlog of new contacts drained (docs/performance.md).
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>
    /// <see cref="Router.PlanPage"/> a page of the queue at a time while anyone has room, reading only the channels someone
    /// has room for: a full house reads nothing, a long queue is read only as far as the free capacity reaches.
    /// </summary>
    private async Task<List<(QueuedConversation Conversation, Candidate Operator)>> PlanAsync(List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var plan = new List<(QueuedConversation, Candidate)>();
        var pool = candidates;
        (DateTime, long)? after = null;
        while (true)
        {
            var live = pool.Any(c => c.FreeFor(ChannelKind.WebChat) > 0);
            var async = pool.Any(c => c.FreeFor(ChannelKind.Email) > 0);
            if (!live && !async)
                return plan;
            var page = await queries.QueuePageAsync(after, liveOnly: !async, asyncOnly: !live, RoutingQueries.PageSize, cancellationToken);
            var (planned, remaining) = Router.PlanPage(pool, page, Now);
            plan.AddRange(planned);
            pool = remaining;
            if (page.Count < RoutingQueries.PageSize)
                return plan;
            after = (page[^1].Deadline, page[^1].Id);
        }
    }

    /// <summary>Claims the decision (operator and conversation unchanged since read) and makes the offer, in one transaction.</summary>
    private async Task<bool> TryOfferAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync("routing-offer");
        return await TryOfferInTurnAsync(queued, pick, broadcast, cancellationToken);
    }

    /// <summary><see cref="TryOfferAsync"/> for a caller that holds the write turn already (SQLite: one writer at a time).</summary>
    private async Task<bool> TryOfferInTurnAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        if (await TryOfferCoreAsync(queued, pick, broadcast, cancellationToken))
            return true;
        MessageFlowMetrics.RoutingLost();
        return false;
    }

    private async Task AssignAsync(Conversation conversation, long operatorId, TimelineKind kind, CancellationToken cancellationToken)
    {
        ConversationRules.Assign(conversation, operatorId);
        await db.Operators.Where(o => o.Id == operatorId).ExecuteUpdateAsync(s => s.SetProperty(o => o.LastAssignedAt, Now), cancellationToken);
        Record(conversation.Id, kind, operatorId);
        await db.SaveChangesAsync(cancellationToken);
        events.Add(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)));
    }

    /// <summary>Capacity, presence or an assignment outside the router changed an operator's load: decisions read before are refused.</summary>
    private async Task BumpOperatorAsync(long operatorId, CancellationToken cancellationToken) =>
        await db.Operators.Where(o => o.Id == operatorId).ExecuteUpdateAsync(s => s.SetProperty(o => o.RoutingVersion, o => o.RoutingVersion + 1), cancellationToken);

    private void Record(long conversationId, TimelineKind kind, long? operatorId, string? detail = null) =>
        db.Timeline.Add(new TimelineEntry { ConversationId = conversationId, At = Now, Kind = kind, OperatorId = operatorId, Detail = detail });

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var batch = events.ToList();
        events.Clear();
        // Capacity first: the widget's state is current before anyone hears about the change that caused it.
        foreach (var notification in batch.DistinctBy(e => e is CapacityChanged ? "capacity" : (object)e).OrderBy(e => e is CapacityChanged ? 0 : 1))
            await publisher.Publish(notification, cancellationToken);
    }
}
