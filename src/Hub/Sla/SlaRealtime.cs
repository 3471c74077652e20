using Mediator;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Pushes SLA changes to the console: the conversation's new state to every operator (inbox colour), the alert to
/// supervisors and to the operator holding it, and a "board changed" nudge to supervisors on anything that moves
/// the board (the board page refetches /api/sla/board, coalesced).
/// </summary>
public sealed class SlaRealtime(IHubContext<ConsoleHub, IConsoleClient> console)
    : INotificationHandler<SlaAtRisk>, INotificationHandler<SlaBreached>,
      INotificationHandler<MessageReceived>, INotificationHandler<ReplyQueued>, INotificationHandler<ConversationChanged>
{
    public async ValueTask Handle(SlaAtRisk notification, CancellationToken cancellationToken)
    {
        await console.Clients.Group(HubGroups.Operators).ConversationChanged(notification.Conversation);
        await console.Clients.Groups(Audience(notification.Conversation)).SlaAtRisk(notification.Alert);
        await BoardChanged();
    }

    public async ValueTask Handle(SlaBreached notification, CancellationToken cancellationToken)
    {
        await console.Clients.Group(HubGroups.Operators).ConversationChanged(notification.Conversation);
        await console.Clients.Groups(Audience(notification.Conversation)).SlaBreached(notification.Breach);
        await BoardChanged();
    }

    public async ValueTask Handle(MessageReceived notification, CancellationToken cancellationToken) => await BoardChanged();

    public async ValueTask Handle(ReplyQueued notification, CancellationToken cancellationToken) => await BoardChanged();

    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken) => await BoardChanged();

    private static List<string> Audience(ConversationDto conversation) =>
        conversation.AssignedOperatorId is { } holder ? [HubGroups.Supervisors, HubGroups.Operator(holder)] : [HubGroups.Supervisors];

    private Task BoardChanged() => console.Clients.Group(HubGroups.Supervisors).BoardChanged();
}
