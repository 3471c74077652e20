using Mediator;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

/// <summary>Keeps offers and the queue in step with what operators do in the console.</summary>
public sealed class RoutingReactions(RoutingEngine routing) : INotificationHandler<ConversationChanged>, INotificationHandler<ReplyQueued>
{
    /// <summary>Claimed, transferred or closed: open offers are withdrawn; a close frees capacity for the queue.</summary>
    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken)
    {
        var state = notification.Conversation.State;
        if (state != ConversationState.Waiting)
            await routing.SettleAsync(notification.Conversation.Id, capacityFreed: state == ConversationState.Closed, cancellationToken);
    }

    /// <summary>Answering a waiting conversation takes it, so nobody else is still being offered it.</summary>
    public async ValueTask Handle(ReplyQueued notification, CancellationToken cancellationToken) =>
        await routing.SettleAsync(notification.Conversation.Id, capacityFreed: false, cancellationToken);
}
