using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>An operator answers: the reply is persisted with its outbox entry, then sent by the dispatcher.</summary>
public sealed record SendReply(long ConversationId, long OperatorId, string? Text, string? ClientMessageId) : ICommand<Outcome<MessageDto>>;

public sealed class SendReplyHandler(
    OmnichannelDb db, Routing.RoutingEngine routing, IPublisher publisher, OutboxSignal signal, TimeProvider time, IOptions<ConversationOptions> options, Sla.SlaTracker sla)
    : ICommandHandler<SendReply, Outcome<MessageDto>>
{
    public async ValueTask<Outcome<MessageDto>> Handle(SendReply command, CancellationToken cancellationToken)
    {
        var text = command.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Outcome<MessageDto>.Invalid("The reply is empty.");
        if (text.Length > options.Value.MaxReplyLength)
            return Outcome<MessageDto>.Invalid($"The reply is longer than {options.Value.MaxReplyLength} characters.");
        if (command.ClientMessageId is { Length: > 100 })
            return Outcome<MessageDto>.Invalid("The client message id is longer than 100 characters.");

        var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken);
        if (conversation is null)
            return Outcome<MessageDto>.NotFound($"Conversation {command.ConversationId} does not exist.");
        if (command.ClientMessageId is { } clientId
            && await db.Messages.FirstOrDefaultAsync(m => m.ConversationId == conversation.Id && m.ClientMessageId == clientId, cancellationToken) is { } again)
            return Outcome<MessageDto>.Ok(MessageDto.From(again));
        if (conversation.State == ConversationState.Closed)
            return Outcome<MessageDto>.Conflict("The conversation is closed.");
        if (conversation.State == ConversationState.Assigned && conversation.AssignedOperatorId != command.OperatorId)
            return Outcome<MessageDto>.Conflict("The conversation is assigned to another operator.");

        var now = time.GetUtcNow().UtcDateTime;
        var reply = new Message
        {
            Conversation = conversation,
            Channel = conversation.Channel,
            Direction = MessageDirection.Outbound,
            Text = text,
            ClientMessageId = command.ClientMessageId,
            Status = MessageStatus.Pending,
            OperatorId = command.OperatorId,
            CreatedAt = now,
        };
        ConversationRules.ApplyReply(conversation, reply, command.OperatorId);
        // The reply stops the SLA clock in the same save that stores it.
        var measured = sla.OnReply(db, conversation, now, command.OperatorId);
        db.Messages.Add(reply);
        db.Outbox.Add(new OutboxItem { Message = reply, DueAt = now, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        sla.Saved(conversation, measured);
        signal.Notify();

        var dto = MessageDto.From(reply);
        await publisher.Publish(new ReplyQueued(ConversationDto.From(conversation, conversation.Contact!.DisplayName), dto), cancellationToken);
        // Answering a waiting conversation takes it: nobody else is still being offered it.
        await routing.SettleAsync(conversation.Id, capacityFreed: false, cancellationToken);
        return Outcome<MessageDto>.Ok(dto);
    }
}
