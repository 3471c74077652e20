using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The operator is done. A customer who writes again reopens it (or starts a new one).</summary>
public sealed record CloseConversation(long ConversationId, long OperatorId) : ICommand<Outcome<ConversationDto>>;

public sealed class CloseConversationHandler(OmnichannelDb db, Routing.RoutingEngine routing, IPublisher publisher, TimeProvider time) : ICommandHandler<CloseConversation, Outcome<ConversationDto>>
{
    public async ValueTask<Outcome<ConversationDto>> Handle(CloseConversation command, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken);
        if (conversation is null)
            return Outcome<ConversationDto>.NotFound($"Conversation {command.ConversationId} does not exist.");
        if (conversation.State == ConversationState.Closed)
            return Outcome<ConversationDto>.Ok(ConversationDto.From(conversation, conversation.Contact!.DisplayName));

        var now = time.GetUtcNow().UtcDateTime;
        // The operators' busy spells end in the same transaction as the chat they held (the occupancy report's fact).
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await Reports.BusySpells.LockAsync(db, conversation, cancellationToken);
            var acceptedAt = await db.Offers.Where(o => o.ConversationId == conversation.Id && o.State == Routing.OfferState.Accepted).MaxAsync(o => o.AnsweredAt, cancellationToken);
            ConversationRules.Close(conversation, now, acceptedAt);
            Sla.SlaClock.OnClose(conversation);
            await db.SaveChangesAsync(cancellationToken);
            await Reports.BusySpells.CloseAsync(db, conversation, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var dto = ConversationDto.From(conversation, conversation.Contact!.DisplayName);
        await publisher.Publish(new ConversationChanged(dto), cancellationToken);
        // Closed: open offers of it are withdrawn, and the capacity it held goes to the queue.
        await routing.SettleAsync(conversation.Id, capacityFreed: true, cancellationToken);
        return Outcome<ConversationDto>.Ok(dto);
    }
}
