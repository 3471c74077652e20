using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>An operator takes a waiting conversation from the queue.</summary>
public sealed record ClaimConversation(long ConversationId, long OperatorId) : ICommand<Outcome<ConversationDto>>;

public sealed class ClaimConversationHandler(OmnichannelDb db, Routing.RoutingEngine routing, IPublisher publisher) : ICommandHandler<ClaimConversation, Outcome<ConversationDto>>
{
    public async ValueTask<Outcome<ConversationDto>> Handle(ClaimConversation command, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken);
        if (conversation is null)
            return Outcome<ConversationDto>.NotFound($"Conversation {command.ConversationId} does not exist.");
        if (conversation.State == ConversationState.Closed)
            return Outcome<ConversationDto>.Conflict("The conversation is closed.");
        if (conversation.State == ConversationState.Assigned && conversation.AssignedOperatorId != command.OperatorId)
            return Outcome<ConversationDto>.Conflict("Another operator already took this conversation.");

        ConversationRules.Assign(conversation, command.OperatorId);
        // Optimistic: two operators claiming at once — the second save finds the row changed.
        var claimed = await db.Conversations
            .Where(c => c.Id == conversation.Id && (c.AssignedOperatorId == null || c.AssignedOperatorId == command.OperatorId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ConversationState.Assigned).SetProperty(c => c.AssignedOperatorId, command.OperatorId)
                .SetProperty(c => c.QueueDeadline, (DateTime?)null), cancellationToken);
        if (claimed == 0)
            return Outcome<ConversationDto>.Conflict("Another operator already took this conversation.");

        var dto = ConversationDto.From(conversation, conversation.Contact!.DisplayName);
        await publisher.Publish(new ConversationChanged(dto), cancellationToken);
        // Taken: open offers of it are withdrawn.
        await routing.SettleAsync(conversation.Id, capacityFreed: false, cancellationToken);
        return Outcome<ConversationDto>.Ok(dto);
    }
}
