using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The operator takes the offered conversation; other open offers of it are withdrawn.</summary>
    public async Task<Outcome<ConversationDto>> AcceptAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        Outcome<ConversationDto> outcome;
        using (await gate.AcquireAsync(cancellationToken))
            outcome = await AcceptLockedAsync(offerId, operatorId, cancellationToken);
        await PublishAsync(cancellationToken);
        return outcome;
    }

    private async Task<Outcome<ConversationDto>> AcceptLockedAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == offerId && o.OperatorId == operatorId, cancellationToken);
        if (offer is null)
            return Outcome<ConversationDto>.NotFound($"Offer {offerId} does not exist.");
        if (offer.State != OfferState.Pending)
            return Outcome<ConversationDto>.Conflict($"The offer is no longer open ({offer.State.ToString().ToLowerInvariant()}).");
        var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == offer.ConversationId, cancellationToken);
        if (conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null)
        {
            offer.State = OfferState.Cancelled;
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<ConversationDto>.Conflict("Another operator already took this conversation.");
        }
        offer.State = OfferState.Accepted;
        offer.AnsweredAt = Now;
        await WithdrawOthersAsync(conversation, exceptOfferId: offer.Id, cancellationToken);
        await AssignAsync(conversation, operatorId, TimelineKind.Accepted, cancellationToken);
        return Outcome<ConversationDto>.Ok(ConversationDto.From(conversation, conversation.Contact!.DisplayName));
    }

    /// <summary>The operator passes: the conversation goes to the next operator at once.</summary>
    public async Task<Outcome<bool>> DeclineAsync(long offerId, long operatorId, CancellationToken cancellationToken)
    {
        using (await gate.AcquireAsync(cancellationToken))
        {
            var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == offerId && o.OperatorId == operatorId, cancellationToken);
            if (offer is null)
                return Outcome<bool>.NotFound($"Offer {offerId} does not exist.");
            if (offer.State != OfferState.Pending)
                return Outcome<bool>.Conflict($"The offer is no longer open ({offer.State.ToString().ToLowerInvariant()}).");
            offer.State = OfferState.Declined;
            offer.AnsweredAt = Now;
            Record(offer.ConversationId, TimelineKind.Declined, operatorId);
            await db.SaveChangesAsync(cancellationToken);
            await DrainLockedAsync(cancellationToken);
        }
        await PublishAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>A conversation was taken by claim, reply or transfer, or closed: open offers of it are withdrawn.</summary>
    public async Task SettleAsync(long conversationId, bool capacityFreed, CancellationToken cancellationToken)
    {
        using (await gate.AcquireAsync(cancellationToken))
        {
            var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is not null && (conversation.State != ConversationState.Waiting || conversation.AssignedOperatorId is not null))
            {
                await WithdrawOthersAsync(conversation, exceptOfferId: null, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            if (capacityFreed)
                await DrainLockedAsync(cancellationToken);
            else
                events.Add(new CapacityChanged());
        }
        await PublishAsync(cancellationToken);
    }

    private async Task WithdrawOthersAsync(Conversation conversation, long? exceptOfferId, CancellationToken cancellationToken)
    {
        var open = await db.Offers.Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending && o.Id != exceptOfferId).ToListAsync(cancellationToken);
        foreach (var other in open)
        {
            other.State = OfferState.Cancelled;
            other.AnsweredAt = Now;
            events.Add(new OfferWithdrawn(OfferDto.From(other, conversation, conversation.Contact?.DisplayName ?? "")));
        }
    }
}
