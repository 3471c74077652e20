using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

/// <summary>/hubs/console: live updates for logged-in operators (cookie or bearer token).</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleHub(Routing.PresenceTracker presence, Alerts.ConsoleVisibility visibility, Teams.ConversationScopes scopes, ConsoleAudience audience) : Hub<IConsoleClient>
{
    public override async Task OnConnectedAsync()
    {
        // Who sees which conversations (docs/security.md): everything → the every-operator group; narrowed by teams →
        // the audience, which pushes each conversation's changes only to those who may see it.
        var scope = await scopes.ForAsync(Context.User!, Context.ConnectionAborted);
        if (scope.Everything)
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Operators);
        else
            audience.Add(Context.ConnectionId, scope);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Operator(Context.User!.OperatorId()));
        if (Context.User!.IsInRole(Roles.Supervisor))
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Supervisors);
        visibility.Connected(Context.User!.OperatorId(), Context.ConnectionId);
        // The console learns its presence (and that it is fully connected) from this first push.
        if (await presence.ConnectedAsync(Context.User!.OperatorId(), Context.ConnectionId) is { } op)
            await Clients.Caller.PresenceChanged(OperatorDto.From(op));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        audience.Remove(Context.ConnectionId);
        visibility.Disconnected(Context.User!.OperatorId(), Context.ConnectionId);
        await presence.DisconnectedAsync(Context.User!.OperatorId(), Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The console reports whether it is on screen (document.visibilityState, on connect and on every visibilitychange).
    /// Offers to an operator with no console on screen are also sent as Web Push / Telegram alerts.
    /// </summary>
    public void SetVisibility(bool visible) => visibility.Set(Context.User!.OperatorId(), Context.ConnectionId, visible);
}
