using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// Pushes a waiting visitor's place, predicted wait and who answers when routing moves their conversation (offered,
/// taken, back in the queue). The widget also asks Waiting() every few seconds for drift as others leave the queue.
/// </summary>
public sealed class VisitorWaitFanout(OmnichannelDb db, VisitorWait wait, IHubContext<VisitorHub, IVisitorClient> visitors)
    : INotificationHandler<OfferMade>, INotificationHandler<ConversationChanged>
{
    public async ValueTask Handle(OfferMade notification, CancellationToken cancellationToken)
    {
        if (notification.Offer.Channel != ChannelKind.WebChat)
            return;
        var handle = await db.Conversations.AsNoTracking().Where(c => c.Id == notification.Offer.ConversationId)
            .Select(c => c.ContactHandle).FirstOrDefaultAsync(cancellationToken);
        if (handle is not null)
            await PushAsync(handle, cancellationToken);
    }

    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken)
    {
        var c = notification.Conversation;
        if (c.Channel == ChannelKind.WebChat && c.State != ConversationState.Closed)
            await PushAsync(c.ContactHandle, cancellationToken);
    }

    private async Task PushAsync(string visitorId, CancellationToken cancellationToken)
    {
        if (await wait.ForVisitorAsync(visitorId, cancellationToken) is { } dto)
            await visitors.Clients.Group(HubGroups.Visitor(visitorId)).WaitChanged(dto);
    }
}
