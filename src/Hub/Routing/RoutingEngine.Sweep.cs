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
        using (await gate.AcquireAsync(cancellationToken))
        {
            var now = Now;
            var expired = await db.Offers.Where(o => o.State == OfferState.Pending && o.ExpiresAt <= now).ToListAsync(cancellationToken); // RoutingLadder.IsExpired, in SQL
            foreach (var offer in expired)
            {
                offer.State = OfferState.Expired;
                offer.AnsweredAt = now;
                Record(offer.ConversationId, TimelineKind.OfferExpired, offer.OperatorId);
                var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == offer.ConversationId, cancellationToken);
                events.Add(new OfferWithdrawn(OfferDto.From(offer, conversation, conversation.Contact!.DisplayName)));
            }
            await db.SaveChangesAsync(cancellationToken);
            var overflowed = await OverflowLockedAsync(now, cancellationToken);
            await BroadcastLockedAsync(now, cancellationToken);
            await AlertSupervisorsLockedAsync(now, cancellationToken);
            if (expired.Count > 0 || overflowed > 0)
                await DrainLockedAsync(cancellationToken);
        }
        await PublishAsync(cancellationToken);
    }

    /// <summary>Required skills and team lapse at the rule's overflow time: from then on anyone may take the conversation.</summary>
    private async Task<int> OverflowLockedAsync(DateTime now, CancellationToken cancellationToken)
    {
        var due = await db.Conversations.Where(c => c.OverflowAt != null && c.OverflowAt <= now).ToListAsync(cancellationToken);
        foreach (var conversation in due)
        {
            conversation.OverflowAt = null;
            if (conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null)
                continue;
            var needed = string.Join(", ", conversation.RequiredSkills);
            Record(conversation.Id, TimelineKind.Overflowed, null,
                $"unanswered by {(conversation.RequiredTeamId is null ? "" : "the team")}{(conversation.RequiredTeamId is null || needed.Length == 0 ? "" : " / ")}{(needed.Length == 0 ? "" : needed)}: offered to anyone");
            conversation.RequiredSkills = [];
            conversation.RequiredTeamId = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    private async Task BroadcastLockedAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.BroadcastCutoff(options.Value, now);
        var due = await db.Conversations
            .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                && c.WaitingSince <= threshold && c.BroadcastAt == null)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return;
        var candidates = await queries.CandidatesAsync(cancellationToken);
        foreach (var conversation in due)
        {
            conversation.BroadcastAt = now;
            var holding = await db.Offers.Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending).Select(o => o.OperatorId).ToListAsync(cancellationToken);
            var queued = new QueuedConversation(conversation.Id, conversation.Channel, now, conversation.RequiredSkills) { TeamId = conversation.RequiredTeamId };
            foreach (var candidate in Router.Eligible(candidates, queued, ignoreExclusions: true).Where(c => !holding.Contains(c.OperatorId)).ToList())
                await OfferAsync(queued, candidate with { AutoAccept = false }, broadcast: true, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AlertSupervisorsLockedAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.SupervisorAlertCutoff(options.Value, now);
        var due = await db.Conversations.Include(c => c.Contact)
            .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                && c.WaitingSince <= threshold && c.SupervisorsAlertedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var conversation in due)
        {
            conversation.SupervisorsAlertedAt = now;
            Record(conversation.Id, TimelineKind.SupervisorsAlerted, null);
            events.Add(new SupervisorsAlerted(new SupervisorAlertDto(conversation.Id, conversation.Channel, conversation.Contact!.DisplayName,
                conversation.WaitingSince!.Value, $"Web chat unanswered for {(int)(now - conversation.WaitingSince.Value).TotalSeconds} s")));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
