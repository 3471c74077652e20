using Microsoft.AspNetCore.SignalR;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.WebChat;

namespace Omnichannel.Hub.Realtime;

/// <summary>The web chat channel's way out: push the operator's reply to every open widget of the visitor.</summary>
public sealed class VisitorPush(IHubContext<VisitorHub, IVisitorClient> hub, VisitorMessages messages) : IVisitorPush
{
    public async Task PushAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var dto = await messages.OneAsync(message.MessageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {message.MessageId} vanished before it was pushed.");
        await hub.Clients.Group(HubGroups.Visitor(message.ContactHandle)).MessageAdded(dto);
    }
}
