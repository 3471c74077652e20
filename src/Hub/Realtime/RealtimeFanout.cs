using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Pipeline;

namespace Omnichannel.Hub.Realtime;

/// <summary>Pushes what happened to the console (every operator sees the shared queue) and to the visitor's widgets.</summary>
public sealed class RealtimeFanout(ConsolePush console, VisitorPushes visitors, Attachments.VisitorFiles files)
    : INotificationHandler<MessageReceived>, INotificationHandler<ReplyQueued>, INotificationHandler<ConversationChanged>, INotificationHandler<MessageStatusChanged>, INotificationHandler<MessageUpdated>
{
    public async ValueTask Handle(MessageReceived notification, CancellationToken cancellationToken)
    {
        await console.ConversationChanged(notification.Conversation);
        await console.MessageAdded(notification.Message);
        // The visitor's other tabs show what they wrote in this one (this one has its answer).
        if (notification.Message.Channel == ChannelKind.WebChat)
            await visitors.MessageAdded(notification.Conversation.ContactHandle, VisitorMessageDto.From(notification.Message, null, files), except: notification.SentOver);
    }

    public async ValueTask Handle(ReplyQueued notification, CancellationToken cancellationToken)
    {
        await console.ConversationChanged(notification.Conversation);
        await console.MessageAdded(notification.Message);
    }

    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken)
    {
        var conversation = notification.Conversation;
        await console.ConversationChanged(conversation);
        if (conversation.Channel == ChannelKind.WebChat && conversation.State == ConversationState.Closed)
            await visitors.ConversationClosed(conversation.ContactHandle, conversation.Id);
    }

    public async ValueTask Handle(MessageStatusChanged notification, CancellationToken cancellationToken) =>
        await console.MessageStatusChanged(new MessageStatusDto(notification.ConversationId, notification.MessageId, notification.Status, notification.Reason));

    public async ValueTask Handle(MessageUpdated notification, CancellationToken cancellationToken) =>
        await console.MessageUpdated(notification.Message);
}
