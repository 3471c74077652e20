using Mediator;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Realtime;

/// <summary>Routing's pushes: offers to the one operator, alerts to supervisors, the widget's state to visitors.</summary>
public sealed class RoutingFanout(ConsolePush console, WidgetStateService widgetState)
    : INotificationHandler<OfferMade>, INotificationHandler<OfferWithdrawn>, INotificationHandler<SupervisorsAlerted>, INotificationHandler<CapacityChanged>, INotificationHandler<PresenceChanged>
{
    public async ValueTask Handle(OfferMade notification, CancellationToken cancellationToken) => await console.OfferMade(notification.Offer);

    public async ValueTask Handle(OfferWithdrawn notification, CancellationToken cancellationToken) => await console.OfferWithdrawn(notification.Offer);

    public async ValueTask Handle(SupervisorsAlerted notification, CancellationToken cancellationToken) => await console.SupervisorAlert(notification.Alert);

    public async ValueTask Handle(PresenceChanged notification, CancellationToken cancellationToken) => await console.PresenceChanged(notification.Operator);

    public async ValueTask Handle(CapacityChanged notification, CancellationToken cancellationToken) => await widgetState.RefreshAsync(cancellationToken);
}
