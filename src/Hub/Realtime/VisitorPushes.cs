using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Realtime;

/// <summary>The one place the hub pushes to widgets, typed (<see cref="IVisitorClient"/>): one visitor's open widgets, or every widget.</summary>
public sealed class VisitorPushes(IHubContext<VisitorHub, IVisitorClient> hub)
{
    /// <summary>To every open widget of the visitor (their other tabs, the operator's replies), but the one it came from
    /// (<paramref name="except"/>: it has its answer) — nothing is written to a visitor with one tab.</summary>
    public Task MessageAdded(string visitorHandle, VisitorMessageDto message, string? except = null) =>
        (except is null ? hub.Clients.Group(HubGroups.Visitor(visitorHandle)) : hub.Clients.GroupExcept(HubGroups.Visitor(visitorHandle), [except])).MessageAdded(message);

    public Task ConversationClosed(string visitorHandle, long conversationId) => hub.Clients.Group(HubGroups.Visitor(visitorHandle)).ConversationClosed(conversationId);

    /// <summary>To every widget (every connection of the visitor hub is one, on every node): chat is offered, busy or closed.</summary>
    public Task WidgetStateChanged(WidgetState state) => hub.Clients.All.WidgetStateChanged(state);
}
