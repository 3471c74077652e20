using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The operator retries a reply that failed, or chooses to resend one that may not have arrived.</summary>
public sealed record RetryMessage(long MessageId) : ICommand<Outcome<MessageDto>>;

public sealed class RetryMessageHandler(OmnichannelDb db, IPublisher publisher, OutboxSignal signal, TimeProvider time) : ICommandHandler<RetryMessage, Outcome<MessageDto>>
{
    public async ValueTask<Outcome<MessageDto>> Handle(RetryMessage command, CancellationToken cancellationToken)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == command.MessageId, cancellationToken);
        if (message is null || message.Direction != MessageDirection.Outbound)
            return Outcome<MessageDto>.NotFound($"Outgoing message {command.MessageId} does not exist.");
        if (message.Status is not (MessageStatus.Failed or MessageStatus.Unconfirmed))
            return Outcome<MessageDto>.Conflict("Only a failed or unconfirmed message can be sent again.");

        var now = time.GetUtcNow().UtcDateTime;
        message.Status = MessageStatus.Pending;
        message.StatusReason = null;
        db.Outbox.Add(new OutboxItem { MessageId = message.Id, DueAt = now, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        await publisher.Publish(new MessageStatusChanged(message.ConversationId, message.Id, message.Status, null), cancellationToken);
        return Outcome<MessageDto>.Ok(MessageDto.From(message));
    }
}
