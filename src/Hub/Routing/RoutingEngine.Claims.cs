using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>A routing decision claimed in the database and acted on: the offer, or the assignment for auto-accept.</summary>
public sealed partial class RoutingEngine
{
    /// <summary>All or nothing: a failed save rolls the whole decision back, so the save in it needs no savepoint (two
    /// statements fewer per offer, a round trip each on PostgreSQL).</summary>
    private async Task<bool> TryOfferCoreAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await ClaimAndOfferAsync(queued, pick, broadcast, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    private async Task<bool> ClaimAndOfferAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // An auto-accepting operator is assigned at once: the claim also stamps their last assignment (one update).
        var assigns = pick.AutoAccept && !broadcast;
        if (await ClaimOperatorAsync(pick.OperatorId, assigns ? Now : null, cancellationToken) is not { } before
            || (before != pick.Version && !await StillFitsAsync(queued, pick.OperatorId, broadcast, cancellationToken)))
            return false;
        if (!broadcast && !await ClaimConversationAsync(queued, assigns ? pick.OperatorId : null, cancellationToken))
            return false;
        var pending = events.Count;
        try
        {
            if (assigns)
                await AutoAcceptAsync(queued, pick.OperatorId, cancellationToken);
            else
                await OfferAsync(queued, pick, broadcast, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch
        {
            events.RemoveRange(pending, events.Count - pending);
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// The conversation's side of the claim: its routing version still the one read, still waiting and unassigned. For an
    /// auto-accepting operator the same conditional update assigns it (out of the queue: no deadline) — one statement, and
    /// no tracked copy to save again.
    /// </summary>
    private async Task<bool> ClaimConversationAsync(QueuedConversation queued, long? assignTo, CancellationToken cancellationToken)
    {
        // Plain SQL, like the operator's claim: it runs for every decision, and a LINQ update was built, parameterised and
        // looked up in EF's query cache each time. Enums are stored by name.
        var (id, version) = (queued.Id, queued.Version);
        var changed = assignTo is { } operatorId
            ? await db.Database.ExecuteSqlAsync($"UPDATE \"Conversations\" SET \"RoutingVersion\" = \"RoutingVersion\" + 1, \"State\" = 'Assigned', \"AssignedOperatorId\" = {operatorId}, \"QueueDeadline\" = NULL WHERE \"Id\" = {id} AND \"RoutingVersion\" = {version} AND \"State\" = 'Waiting' AND \"AssignedOperatorId\" IS NULL", cancellationToken)
            : await db.Database.ExecuteSqlAsync($"UPDATE \"Conversations\" SET \"RoutingVersion\" = \"RoutingVersion\" + 1 WHERE \"Id\" = {id} AND \"RoutingVersion\" = {version} AND \"State\" = 'Waiting' AND \"AssignedOperatorId\" IS NULL", cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// The operator's side of the claim: moves their routing version on (and stamps the assignment), which takes their
    /// row lock — a concurrent decision about the same operator, in this process or another, commits or rolls back
    /// first — and returns the version they had before, or null when the operator is gone. One statement.
    /// </summary>
    private async Task<long?> ClaimOperatorAsync(long operatorId, DateTime? assignedAt, CancellationToken cancellationToken)
    {
        var claim = assignedAt is { } at
            ? db.Database.SqlQuery<long>($"UPDATE \"Operators\" SET \"RoutingVersion\" = \"RoutingVersion\" + 1, \"LastAssignedAt\" = {at} WHERE \"Id\" = {operatorId} RETURNING \"RoutingVersion\" - 1 AS \"Value\"")
            : db.Database.SqlQuery<long>($"UPDATE \"Operators\" SET \"RoutingVersion\" = \"RoutingVersion\" + 1 WHERE \"Id\" = {operatorId} RETURNING \"RoutingVersion\" - 1 AS \"Value\"");
        var before = await claim.ToListAsync(cancellationToken);
        return before.Count == 0 ? null : before[0];
    }

    /// <summary>
    /// A decision about this operator committed since the candidates were read (their version moved on): the operator's
    /// load is read again — under their row lock, so it cannot move meanwhile — and the same rule decides
    /// (<see cref="Router.CanTake"/>; a broadcast ignores earlier declines). Routers that all picked the least-loaded
    /// operator used to queue on that row only to find the version moved on and start over: with two nodes most
    /// conversations ran out of attempts and were routed again by every later message (docs/performance.md,
    /// "PostgreSQL, two nodes"). Capacity still holds: nobody is given more than the rule allows on fresh data.
    /// </summary>
    private async Task<bool> StillFitsAsync(QueuedConversation queued, long operatorId, bool broadcast, CancellationToken cancellationToken)
    {
        MessageFlowMetrics.RoutingRechecked();
        var fresh = await queries.CandidatesAsync(cancellationToken, operatorId);
        return Router.Eligible(fresh, queued, ignoreExclusions: broadcast).Any();
    }

    private async Task OfferAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        var made = await AddOfferAsync(queued, pick, broadcast, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        events.Add(made.Notification());
    }

    /// <summary>The offer and its timeline entry, tracked and not saved yet: a routing group saves all of its decisions'
    /// rows together (<see cref="SaveDecisionRowsAsync"/>) and tells the operator once the offer has its key.</summary>
    private async Task<MadeOffer> AddOfferAsync(QueuedConversation queued, Candidate pick, bool broadcast, CancellationToken cancellationToken)
    {
        var conversation = await WithContact.For(db)(db, queued.Id, cancellationToken);
        var offer = NewOffer(conversation, pick.OperatorId, Now);
        offer.Broadcast = broadcast;
        db.Offers.Add(offer);
        Record(conversation.Id, broadcast ? TimelineKind.Broadcast : TimelineKind.Offered, pick.OperatorId);
        return new MadeOffer(offer, conversation);
    }

    /// <summary>An offer added to the context; its notification carries the offer's key, known once it is saved.</summary>
    private sealed record MadeOffer(Offer Offer, Conversation Conversation)
    {
        public OfferMade Notification() => new(OfferDto.From(Offer, Conversation, Conversation.Contact!.DisplayName));
    }

    /// <summary>An offer of the conversation to the operator, made now: pending, expiring by its channel's ladder.</summary>
    private Offer NewOffer(Conversation conversation, long operatorId, DateTime now) => new()
    {
        ConversationId = conversation.Id,
        OperatorId = operatorId,
        OfferedAt = now,
        ExpiresAt = RoutingLadder.OfferExpiry(options.Value, conversation.Channel, now),
        Live = conversation.Channel.IsLive(),
    };

    /// <summary>
    /// An auto-accepting operator's pick, assigned by the claim already (<see cref="ClaimConversationAsync"/>; their last
    /// assignment stamped by <see cref="ClaimOperatorAsync"/>): the accepted offer and the timeline entry are written and
    /// the conversation read once, as assigned, for the notification.
    /// </summary>
    /// <param name="save">False in a routing group: the rows stay tracked and the group writes all of its decisions' rows
    /// together before its commit (<see cref="SaveDecisionRowsAsync"/>).</param>
    private async Task AutoAcceptAsync(QueuedConversation queued, long operatorId, CancellationToken cancellationToken, bool save = true)
    {
        var conversation = await WithContact.For(db)(db, queued.Id, cancellationToken);
        var now = Now;
        var offer = NewOffer(conversation, operatorId, now);
        offer.State = OfferState.Accepted;
        offer.AnsweredAt = now;
        db.Offers.Add(offer);
        await Reports.BusySpells.OpenAsync(db, conversation, operatorId, now, cancellationToken);
        Record(conversation.Id, TimelineKind.AutoAccepted, operatorId);
        if (save)
            await SaveDecisionRowsAsync(cancellationToken);
        events.Add(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)));
    }

    /// <summary>Plain inserts (offers, timeline entries, maybe busy spells): EF Core's update pipeline cost more than them.
    /// Each inserted row gets its key (the offers' notifications carry it).
    /// On SQLite several decisions' rows of a type go in one statement.</summary>
    private async Task SaveDecisionRowsAsync(CancellationToken cancellationToken)
    {
        if (!await DirectSave.TrySaveAsync(db, DecisionRows, cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly Type[] DecisionRows = [typeof(Offer), typeof(TimelineEntry), typeof(Reports.BusySpell)];

    /// <summary>The conversation as decided (with its contact, for the notification), untracked: nothing in it is saved
    /// again. Compiled once: it runs for every offer and auto-assignment.</summary>
    private static readonly PerModel<Func<OmnichannelDb, long, CancellationToken, Task<Conversation>>> WithContact = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, long id, CancellationToken _) =>
            db.Conversations.AsNoTracking().Include(c => c.Contact).First(c => c.Id == id)));
}
