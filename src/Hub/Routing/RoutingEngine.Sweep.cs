using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

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
            // Whole microseconds: a ladder step's claim is read back by this instant, equal as PostgreSQL stores it too.
            var now = StoredTime.WholeMicroseconds(Now);
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
            var overflowed = await OverflowAsync(now, cancellationToken);
            await BroadcastAsync(now, cancellationToken);
            await AlertSupervisorsAsync(now, cancellationToken);
            if (expired.Count > 0 || overflowed > 0)
                await DrainCoreAsync(cancellationToken);
        }
        await PublishAsync(cancellationToken);
    }

    /// <summary>
    /// Required skills and team lapse at the rule's overflow time: from then on anyone may take the conversation.
    /// Claimed in the database, so of several hub processes one records it.
    /// </summary>
    private async Task<int> OverflowAsync(DateTime now, CancellationToken cancellationToken)
    {
        var due = await db.Conversations.AsNoTracking().Where(c => c.OverflowAt != null && c.OverflowAt <= now)
            .Select(c => new { c.Id, c.State, c.AssignedOperatorId, c.RequiredSkills, c.RequiredTeamId }).ToListAsync(cancellationToken);
        var overflowed = 0;
        foreach (var conversation in due)
        {
            List<string> none = [];
            if (!await ClaimAsync(conversation.Id, c => c.OverflowAt != null && c.OverflowAt <= now,
                    u => u.SetProperty(c => c.OverflowAt, (DateTime?)null).SetProperty(c => c.RequiredSkills, none).SetProperty(c => c.RequiredTeamId, (long?)null), cancellationToken)
                || conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null)
                continue;
            overflowed++;
            var needed = string.Join(", ", conversation.RequiredSkills);
            Record(conversation.Id, TimelineKind.Overflowed, null,
                $"unanswered by {(conversation.RequiredTeamId is null ? "" : "the team")}{(conversation.RequiredTeamId is null || needed.Length == 0 ? "" : " / ")}{needed}: offered to anyone");
        }
        await db.SaveChangesAsync(cancellationToken);
        return overflowed;
    }

    /// <summary>How many conversations one ladder step reads and claims at a time.</summary>
    private const int LadderPage = 500;

    /// <summary>
    /// Offers web chats unanswered since the broadcast cutoff to every eligible operator, a page at a time: the page is
    /// claimed with one statement (taken in the write turn), then offered. With nobody free, nothing more is read.
    /// </summary>
    private async Task BroadcastAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.BroadcastCutoff(options.Value, now);
        List<Candidate>? candidates = null;
        Dictionary<long, long> versions = [];
        while (true)
        {
            var page = await db.Conversations.AsNoTracking()
                .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                    && c.WaitingSince <= threshold && c.BroadcastAt == null)
                .OrderBy(c => c.WaitingSince).Take(LadderPage)
                .ToListAsync(cancellationToken);
            var due = page.Where(c => RoutingLadder.BroadcastDue(options.Value, c.Channel, c.WaitingSince!.Value, c.BroadcastAt, now)).ToList();
            if (due.Count == 0)
                return;
            if (candidates is null)
            {
                // Read once, when something is due: each offer of ours moves that operator's version on by one.
                candidates = await queries.CandidatesAsync(cancellationToken);
                versions = candidates.ToDictionary(c => c.OperatorId, c => c.Version);
            }
            var claimed = await ClaimPageAsync([.. due.Select(c => c.Id)], c => c.BroadcastAt == null,
                u => u.SetProperty(c => c.BroadcastAt, now), c => c.BroadcastAt == now, cancellationToken);
            foreach (var conversation in due.Where(c => claimed.Contains(c.Id)))
            {
                var queued = new QueuedConversation(conversation.Id, conversation.Channel, now, conversation.RequiredSkills) { TeamId = conversation.RequiredTeamId };
                var eligible = Router.Eligible(candidates, queued, ignoreExclusions: true).ToList();
                if (eligible.Count == 0)
                    continue;
                var holding = await db.Offers.Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending).Select(o => o.OperatorId).ToListAsync(cancellationToken);
                foreach (var candidate in eligible.Where(c => !holding.Contains(c.OperatorId)))
                    if (await TryOfferAsync(queued, candidate with { AutoAccept = false, Version = versions[candidate.OperatorId] }, broadcast: true, cancellationToken))
                        versions[candidate.OperatorId]++;
            }
            if (page.Count < LadderPage)
                return;
        }
    }

    /// <summary>Alerts the supervisors about web chats unanswered since the alert cutoff, a page claimed at a time.</summary>
    private async Task AlertSupervisorsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var threshold = RoutingLadder.SupervisorAlertCutoff(options.Value, now);
        while (true)
        {
            var page = await db.Conversations.AsNoTracking()
                .Where(c => c.Channel == RoutingLadder.Channel && c.State == ConversationState.Waiting && c.AssignedOperatorId == null
                    && c.WaitingSince <= threshold && c.SupervisorsAlertedAt == null)
                .OrderBy(c => c.WaitingSince).Take(LadderPage)
                .Select(c => new { c.Id, c.Channel, c.WaitingSince, c.SupervisorsAlertedAt, Name = c.Contact!.DisplayName })
                .ToListAsync(cancellationToken);
            var due = page.Where(c => RoutingLadder.SupervisorAlertDue(options.Value, c.Channel, c.WaitingSince!.Value, c.SupervisorsAlertedAt, now)).ToList();
            if (due.Count == 0)
                return;
            var claimed = await ClaimPageAsync([.. due.Select(c => c.Id)], c => c.SupervisorsAlertedAt == null,
                u => u.SetProperty(c => c.SupervisorsAlertedAt, now), c => c.SupervisorsAlertedAt == now, cancellationToken);
            foreach (var conversation in due.Where(c => claimed.Contains(c.Id)))
            {
                Record(conversation.Id, TimelineKind.SupervisorsAlerted, null);
                events.Add(new SupervisorsAlerted(new SupervisorAlertDto(conversation.Id, conversation.Channel, conversation.Name,
                    conversation.WaitingSince!.Value, $"Web chat unanswered for {(int)(now - conversation.WaitingSince.Value).TotalSeconds} s")));
            }
            using (await turns.TakeAsync("routing-ladder", routingUnchanged: true))
                await db.SaveChangesAsync(cancellationToken);
            await PublishAsync(cancellationToken);
            if (page.Count < LadderPage)
                return;
        }
    }

    /// <summary>
    /// A ladder step for a page of conversations, taken once across hub processes: one conditional update in the write
    /// turn, then the ones this sweep marked (<paramref name="takenNow"/>: stamped with its instant) are read back. The
    /// page's statement takes only rows no other transaction holds (<see cref="ConversationLocks"/>: locking a page row by
    /// row while the inbound writer updated the same conversations deadlocked on PostgreSQL); the held ones follow one at
    /// a time, each statement waiting for its own row only.
    /// </summary>
    private async Task<HashSet<long>> ClaimPageAsync(List<long> ids, System.Linq.Expressions.Expression<Func<Conversation, bool>> untaken,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Conversation>> take, System.Linq.Expressions.Expression<Func<Conversation, bool>> takenNow,
        CancellationToken cancellationToken)
    {
        var taken = 0;
        using (await turns.TakeAsync("routing-ladder", routingUnchanged: true))
        {
            HashSet<long> free;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                free = await ConversationLocks.TakeFreeAsync(db, [.. ids], cancellationToken);
                taken = await db.Conversations.Where(c => free.Contains(c.Id)).Where(untaken).ExecuteUpdateAsync(take, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var held in ids.Where(id => !free.Contains(id)))
                taken += await ClaimAsync(held, untaken, take, cancellationToken) ? 1 : 0;
        }
        if (taken == 0)
            return [];
        return [.. await db.Conversations.Where(c => ids.Contains(c.Id)).Where(takenNow).Select(c => c.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>A ladder step taken once across hub processes: a conditional update on the conversation row.</summary>
    private async Task<bool> ClaimAsync(long conversationId, System.Linq.Expressions.Expression<Func<Conversation, bool>> untaken,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Conversation>> take, CancellationToken cancellationToken) =>
        await db.Conversations.Where(c => c.Id == conversationId).Where(untaken).ExecuteUpdateAsync(take, cancellationToken) == 1;
}
