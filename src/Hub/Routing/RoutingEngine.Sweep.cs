using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// Runs a few times a second: expired offers move to the next operator; a web chat still unanswered at
    /// <see cref="RoutingOptions.BroadcastAfter"/> is offered to every eligible operator at once, and at
    /// <see cref="RoutingOptions.SupervisorAlertAfter"/> the supervisors are alerted.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        {
            var now = Now;
            // SQL narrows to the offers that may have expired; the ladder's rule decides.
            var due = (await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending && o.ExpiresAt <= now).ToListAsync(cancellationToken))
                .Where(o => RoutingLadder.IsExpired(o.ExpiresAt, now)).ToList();
            var expired = new List<Offer>();
            foreach (var offer in due)
            {
                // Claimed in the database: of several hub processes sweeping (or an answer arriving) exactly one moves it on.
                if (!await AnswerAsync(offer.Id, OfferState.Expired, now, cancellationToken))
                    continue;
                expired.Add(offer);
                offer.State = OfferState.Expired;
                offer.AnsweredAt = now;
                Record(offer.ConversationId, TimelineKind.OfferExpired, offer.OperatorId);
                var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == offer.ConversationId, cancellationToken);
                events.Add(new OfferWithdrawn(OfferDto.From(offer, conversation, conversation.Contact!.DisplayName)));
            }
            await db.SaveChangesAsync(cancellationToken);
            await BroadcastAsync(now, cancellationToken);
            await AlertSupervisorsAsync(now, cancellationToken);
            if (expired.Count > 0)
                await DrainCoreAsync(cancellationToken);
        }
        await PublishAsync(cancellationToken);
    }

    private async Task BroadcastAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.BroadcastCutoff(options.Value, now);
        var due = (await db.Conversations
            .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                && c.WaitingSince <= threshold && c.BroadcastAt == null)
            .ToListAsync(cancellationToken))
            .Where(c => RoutingLadder.BroadcastDue(options.Value, c.Channel, c.WaitingSince!.Value, c.BroadcastAt, now)).ToList();
        if (due.Count == 0)
            return;
        var candidates = await queries.CandidatesAsync(cancellationToken);
        var versions = candidates.ToDictionary(c => c.OperatorId, c => c.Version);
        foreach (var conversation in due)
        {
            if (!await ClaimAsync(conversation.Id, c => c.BroadcastAt == null, u => u.SetProperty(c => c.BroadcastAt, now), cancellationToken))
                continue;
            conversation.BroadcastAt = now;
            db.Entry(conversation).Property(c => c.BroadcastAt).IsModified = false;
            var holding = await db.Offers.Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending).Select(o => o.OperatorId).ToListAsync(cancellationToken);
            var queued = new QueuedConversation(conversation.Id, conversation.Channel, now, conversation.RequiredSkills);
            foreach (var candidate in Router.Eligible(candidates, queued, ignoreExclusions: true).Where(c => !holding.Contains(c.OperatorId)).ToList())
                if (await TryOfferAsync(queued, candidate with { AutoAccept = false, Version = versions[candidate.OperatorId] }, broadcast: true, cancellationToken))
                    versions[candidate.OperatorId]++;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AlertSupervisorsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.SupervisorAlertCutoff(options.Value, now);
        var due = (await db.Conversations.Include(c => c.Contact)
            .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                && c.WaitingSince <= threshold && c.SupervisorsAlertedAt == null)
            .ToListAsync(cancellationToken))
            .Where(c => RoutingLadder.SupervisorAlertDue(options.Value, c.Channel, c.WaitingSince!.Value, c.SupervisorsAlertedAt, now)).ToList();
        foreach (var conversation in due)
        {
            if (!await ClaimAsync(conversation.Id, c => c.SupervisorsAlertedAt == null, u => u.SetProperty(c => c.SupervisorsAlertedAt, now), cancellationToken))
                continue;
            conversation.SupervisorsAlertedAt = now;
            db.Entry(conversation).Property(c => c.SupervisorsAlertedAt).IsModified = false;
            Record(conversation.Id, TimelineKind.SupervisorsAlerted, null);
            events.Add(new SupervisorsAlerted(new SupervisorAlertDto(conversation.Id, conversation.Channel, conversation.Contact!.DisplayName,
                conversation.WaitingSince!.Value, $"Web chat unanswered for {(int)(now - conversation.WaitingSince.Value).TotalSeconds} s")));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A ladder step taken once across hub processes: a conditional update on the conversation row.</summary>
    private async Task<bool> ClaimAsync(long conversationId, System.Linq.Expressions.Expression<Func<Conversation, bool>> untaken,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Conversation>> take, CancellationToken cancellationToken) =>
        await db.Conversations.Where(c => c.Id == conversationId).Where(untaken).ExecuteUpdateAsync(take, cancellationToken) == 1;
}
