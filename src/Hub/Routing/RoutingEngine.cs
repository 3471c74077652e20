using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Acts on the router's decisions: makes offers (or assigns at once for auto-accept), and hands out the
/// queue whenever capacity frees up. Decisions are taken under <see cref="RoutingLock"/>; notifications are
/// published after it is released.
/// </summary>
public sealed partial class RoutingEngine(
    OmnichannelDb db, RoutingQueries queries, RoutingLock gate, IPublisher publisher, TimeProvider time, IOptions<RoutingOptions> options)
{
    private readonly List<INotification> events = [];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Offers one conversation (it just arrived or came back) to the best operator who can take it.</summary>
    public async Task RouteAsync(long conversationId, CancellationToken cancellationToken)
    {
        using (await gate.AcquireAsync(cancellationToken))
        {
            var queued = await queries.QueueAsync(cancellationToken, conversationId);
            // Nothing to route (an offer is already out, e.g. the visitor wrote again while it rings): neither
            // capacity nor the queue changed, so the widget's state is not recomputed for every such message.
            if (queued.Count == 0)
                return;
            if (Router.Pick(await queries.CandidatesAsync(cancellationToken), queued[0]) is { } pick)
                await OfferAsync(queued[0], pick, broadcast: false, cancellationToken);
            events.Add(new CapacityChanged());
        }
        await PublishAsync(cancellationToken);
    }

    /// <summary>Hands out the queue, earliest deadline first, while anyone has room.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        using (await gate.AcquireAsync(cancellationToken))
            await DrainLockedAsync(cancellationToken);
        await PublishAsync(cancellationToken);
    }

    private async Task DrainLockedAsync(CancellationToken cancellationToken)
    {
        var candidates = await queries.CandidatesAsync(cancellationToken);
        if (candidates.Count > 0)
            foreach (var (conversation, pick) in Router.Plan(candidates, await queries.QueueAsync(cancellationToken), Now))
                await OfferAsync(conversation, pick, broadcast: false, cancellationToken);
        events.Add(new CapacityChanged());
    }

    private async Task OfferAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == queued.Id, cancellationToken);
        var now = Now;
        var offer = new Offer
        {
            ConversationId = conversation.Id,
            OperatorId = pick.OperatorId,
            OfferedAt = now,
            ExpiresAt = RoutingLadder.OfferExpiry(options.Value, conversation.Channel, now),
            Broadcast = broadcast,
        };
        db.Offers.Add(offer);
        if (pick.AutoAccept && !broadcast)
        {
            offer.State = OfferState.Accepted;
            offer.AnsweredAt = now;
            await AssignAsync(conversation, pick.OperatorId, TimelineKind.AutoAccepted, cancellationToken);
            return;
        }
        Record(conversation.Id, broadcast ? TimelineKind.Broadcast : TimelineKind.Offered, pick.OperatorId);
        await db.SaveChangesAsync(cancellationToken);
        events.Add(new OfferMade(OfferDto.From(offer, conversation, conversation.Contact!.DisplayName)));
    }

    private async Task AssignAsync(Conversation conversation, long operatorId, TimelineKind kind, CancellationToken cancellationToken)
    {
        ConversationRules.Assign(conversation, operatorId);
        await db.Operators.Where(o => o.Id == operatorId).ExecuteUpdateAsync(s => s.SetProperty(o => o.LastAssignedAt, Now), cancellationToken);
        Record(conversation.Id, kind, operatorId);
        await db.SaveChangesAsync(cancellationToken);
        events.Add(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)));
    }

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
