using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>A provider told us what happened to one of our messages (status callback, delivery/read receipt, bounce).</summary>
public sealed record UpdateMessageStatus(ChannelKind Channel, string ProviderMessageId, MessageStatus Status, string? Reason) : ICommand<bool>;

public sealed class UpdateMessageStatusHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<UpdateMessageStatus, bool>
{
    public async ValueTask<bool> Handle(UpdateMessageStatus command, CancellationToken cancellationToken)
    {
        var message = await db.Messages.FirstOrDefaultAsync(
            m => m.Channel == command.Channel && m.ProviderMessageId == command.ProviderMessageId && m.Direction == MessageDirection.Outbound,
            cancellationToken);
        if (message is null || !MessageStatusRules.CanMove(message.Status, command.Status))
            return false;
        message.Status = command.Status;
        message.StatusReason = command.Reason;
        await db.SaveChangesAsync(cancellationToken);
        await publisher.Publish(new MessageStatusChanged(message.ConversationId, message.Id, message.Status, message.StatusReason), cancellationToken);
        return true;
    }
}

/// <summary>A receipt by watermark (Messenger reads): every outgoing message to the contact on the channel created up to
/// <see cref="UpTo"/> moves forward to <see cref="Status"/>.</summary>
public sealed record UpdateMessageStatusUpTo(ChannelKind Channel, string ContactHandle, DateTime UpTo, MessageStatus Status) : ICommand<int>;

public sealed class UpdateMessageStatusUpToHandler(OmnichannelDb db, IPublisher publisher) : ICommandHandler<UpdateMessageStatusUpTo, int>
{
    public async ValueTask<int> Handle(UpdateMessageStatusUpTo command, CancellationToken cancellationToken)
    {
        var candidates = await db.Messages
            .Where(m => m.Channel == command.Channel && m.Direction == MessageDirection.Outbound
                        && m.Conversation!.ContactHandle == command.ContactHandle
                        && m.CreatedAt <= command.UpTo && m.Status != MessageStatus.Failed && m.Status != MessageStatus.Read
                        && m.Status != MessageStatus.Unconfirmed)
            .ToListAsync(cancellationToken);
        var moved = candidates.Where(m => MessageStatusRules.CanMove(m.Status, command.Status)).ToList();
        foreach (var message in moved)
        {
            message.Status = command.Status;
            message.StatusReason = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var message in moved)
            await publisher.Publish(new MessageStatusChanged(message.ConversationId, message.Id, message.Status, null), cancellationToken);
        return moved.Count;
    }
}

public static class MessageStatusRules
{
    /// <summary>Statuses only move forward (callbacks arrive out of order); failed is final, and a failure
    /// report after delivery is ignored. An unconfirmed message takes whatever the provider reports.</summary>
    public static bool CanMove(MessageStatus from, MessageStatus to) => from switch
    {
        MessageStatus.Failed => false,
        // What the provider says about a message we could not confirm is the truth.
        MessageStatus.Unconfirmed => to is not MessageStatus.Pending and not MessageStatus.Unconfirmed,
        _ when to == MessageStatus.Unconfirmed => from == MessageStatus.Pending,
        _ when to == MessageStatus.Failed => from.Rank() < MessageStatus.Delivered.Rank(),
        _ => to.Rank() > from.Rank(),
    };
}
