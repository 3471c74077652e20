using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Realtime;

/// <summary>The one place the hub pushes to widgets, typed (<see cref="IVisitorClient"/>): one visitor's open widgets, or every widget.</summary>
public sealed class VisitorPushes(IHubContext<VisitorHub, IVisitorClient> hub)
{
    /// <summary>To every open widget of the visitor (their other tabs, the operator's replies).</summary>
    public Task MessageAdded(string visitorHandle, VisitorMessageDto message) => hub.Clients.Group(HubGroups.Visitor(visitorHandle)).MessageAdded(message);

    public Task ConversationClosed(string visitorHandle, long conversationId) => hub.Clients.Group(HubGroups.Visitor(visitorHandle)).ConversationClosed(conversationId);

    /// <summary>To every widget (every connection of the visitor hub is one, on every node): chat is offered, busy or closed.</summary>
    public Task WidgetStateChanged(WidgetState state) => hub.Clients.All.WidgetStateChanged(state);
}
