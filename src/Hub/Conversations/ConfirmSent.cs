using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The provider named our message by our id (status callback URL): it has it as <see cref="ProviderMessageId"/>.
/// Resolves a send whose outcome was unknown: the message shows what the provider said, and the outbox's next check
/// sees the provider id and stops (it never sends a message that has one).</summary>
public sealed record ConfirmSent(ChannelKind Channel, long MessageId, string ProviderMessageId) : ICommand<bool>;

public sealed class ConfirmSentHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<ConfirmSent, bool>
{
    public async ValueTask<bool> Handle(ConfirmSent command, CancellationToken cancellationToken)
    {
        var message = await db.Messages.FirstOrDefaultAsync(
            m => m.Id == command.MessageId && m.Channel == command.Channel && m.Direction == MessageDirection.Outbound, cancellationToken);
        if (message is null || (message.ProviderMessageId is { } known && known != command.ProviderMessageId))
            return false;
        var changed = message.ProviderMessageId is null || message.Status is MessageStatus.Pending or MessageStatus.Unconfirmed;
        message.ProviderMessageId = command.ProviderMessageId;
        if (message.Status is MessageStatus.Pending or MessageStatus.Unconfirmed)
        {
            message.Status = MessageStatus.Sent;
            message.StatusReason = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (changed)
            await publisher.Publish(new MessageStatusChanged(message.ConversationId, message.Id, message.Status, message.StatusReason), cancellationToken);
        return changed;
    }
}
