using Mediator;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Pushes SLA changes to the console: the conversation's new state to every operator (inbox colour), the alert to
/// supervisors and to the operator holding it, and a "board changed" nudge to supervisors on anything that moves
/// the board (the board page refetches /api/sla/board, coalesced).
/// </summary>
public sealed class SlaRealtime(ConsolePush console)
    : INotificationHandler<SlaAtRisk>, INotificationHandler<SlaBreached>,
      INotificationHandler<MessageReceived>, INotificationHandler<ReplyQueued>, INotificationHandler<ConversationChanged>
{
    public async ValueTask Handle(SlaAtRisk notification, CancellationToken cancellationToken)
    {
        await console.ConversationChanged(notification.Conversation);
        await console.SlaAtRisk(notification.Alert, notification.Conversation);
        await console.BoardChanged();
    }

    public async ValueTask Handle(SlaBreached notification, CancellationToken cancellationToken)
    {
        await console.ConversationChanged(notification.Conversation);
        await console.SlaBreached(notification.Breach, notification.Conversation);
        await console.BoardChanged();
    }

    public async ValueTask Handle(MessageReceived notification, CancellationToken cancellationToken) => await console.BoardChanged();

    public async ValueTask Handle(ReplyQueued notification, CancellationToken cancellationToken) => await console.BoardChanged();

    public async ValueTask Handle(ConversationChanged notification, CancellationToken cancellationToken) => await console.BoardChanged();
}
