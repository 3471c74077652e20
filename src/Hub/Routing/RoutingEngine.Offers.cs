using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The operator takes the offered conversation; other open offers of it are withdrawn.</summary>
    public async Task<Outcome<ConversationDto>> AcceptAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        var outcome = await AcceptCoreAsync(offerId, operatorId, cancellationToken);
        await PublishAsync(cancellationToken);
        return outcome;
    }

    private async Task<Outcome<ConversationDto>> AcceptCoreAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && o.OperatorId == operatorId, cancellationToken);
        if (offer is null)
            return Outcome<ConversationDto>.NotFound($"Offer {offerId} does not exist.");
        if (offer.State != OfferState.Pending)
            return NoLongerOpen(offer.State);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed in the database: of an accept and a claim (or two accepts of a broadcast) one wins.
        var taken = await db.Conversations
            .Where(c => c.Id == offer.ConversationId && c.State == ConversationState.Waiting && c.AssignedOperatorId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RoutingVersion, c => c.RoutingVersion + 1), cancellationToken) == 1;
        var now = Now;
        if (!await AnswerAsync(offer.Id, taken ? OfferState.Accepted : OfferState.Cancelled, now, cancellationToken))
            return NoLongerOpen((await db.Offers.AsNoTracking().FirstAsync(o => o.Id == offer.Id, cancellationToken)).State);
        if (!taken)
        {
            await transaction.CommitAsync(cancellationToken);
            return Outcome<ConversationDto>.Conflict("Another operator already took this conversation.");
        }
        var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == offer.ConversationId, cancellationToken);
        await WithdrawOthersAsync(conversation, exceptOfferId: offer.Id, cancellationToken);
        await Reports.BusySpells.OpenAsync(db, conversation, operatorId, now, cancellationToken);
        await AssignAsync(conversation, operatorId, TimelineKind.Accepted, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ConversationDto>.Ok(ConversationDto.From(conversation, conversation.Contact!.DisplayName));
    }

    private static Outcome<ConversationDto> NoLongerOpen(OfferState state) =>
        Outcome<ConversationDto>.Conflict($"The offer is no longer open ({state.ToString().ToLowerInvariant()}).");

    /// <summary>The operator passes: the conversation goes to the next operator at once.</summary>
    public async Task<Outcome<bool>> DeclineAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && o.OperatorId == operatorId, cancellationToken);
        if (offer is null)
            return Outcome<bool>.NotFound($"Offer {offerId} does not exist.");
        if (offer.State != OfferState.Pending || !await AnswerAsync(offer.Id, OfferState.Declined, Now, cancellationToken))
            return Outcome<bool>.Conflict($"The offer is no longer open ({(await db.Offers.AsNoTracking().FirstAsync(o => o.Id == offer.Id, cancellationToken)).State.ToString().ToLowerInvariant()}).");
        Record(offer.ConversationId, TimelineKind.Declined, operatorId);
        await db.SaveChangesAsync(cancellationToken);
        await DrainCoreAsync(cancellationToken);
        await PublishAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>A conversation was taken by claim, reply or transfer, or closed: open offers of it are withdrawn.</summary>
    public async Task SettleAsync(long conversationId, bool capacityFreed, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is not null && (conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null))
            await WithdrawOthersAsync(conversation, exceptOfferId: null, cancellationToken);
        if (capacityFreed)
            await DrainCoreAsync(cancellationToken);
        else
            events.Add(new CapacityChanged());
        await PublishAsync(cancellationToken);
    }

    private async Task WithdrawOthersAsync(Conversation conversation, long? exceptOfferId, CancellationToken cancellationToken)
    {
        var open = await db.Offers.AsNoTracking().Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending && o.Id != exceptOfferId).ToListAsync(cancellationToken);
        var now = Now;
        foreach (var other in open)
        {
            if (!await AnswerAsync(other.Id, OfferState.Cancelled, now, cancellationToken))
                continue;
            other.State = OfferState.Cancelled;
            other.AnsweredAt = now;
            events.Add(new OfferWithdrawn(OfferDto.From(other, conversation, conversation.Contact?.DisplayName ?? "")));
        }
    }

    /// <summary>Moves a pending offer on — only if it is still pending, so an answer, a withdrawal or an expiry happens once.</summary>
    private async Task<bool> AnswerAsync(long offerId, OfferState state, DateTime at, CancellationToken cancellationToken) =>
        await db.Offers.Where(o => o.Id == offerId && o.State == OfferState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, state).SetProperty(o => o.AnsweredAt, at), cancellationToken) == 1;
}
