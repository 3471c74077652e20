using Mediator;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Realtime;

/// <summary>Routing's pushes: offers to the one operator, alerts to supervisors, the widget's state to visitors.</summary>
public sealed class RoutingFanout(IHubContext<ConsoleHub, IConsoleClient> console, WidgetStateService widgetState)
    : INotificationHandler<OfferMade>, INotificationHandler<OfferWithdrawn>, INotificationHandler<SupervisorsAlerted>, INotificationHandler<CapacityChanged>, INotificationHandler<PresenceChanged>
{
    public async ValueTask Handle(OfferMade notification, CancellationToken cancellationToken) =>
        await console.Clients.Group(HubGroups.Operator(notification.Offer.OperatorId)).OfferMade(notification.Offer);

    public async ValueTask Handle(OfferWithdrawn notification, CancellationToken cancellationToken) =>
        await console.Clients.Group(HubGroups.Operator(notification.Offer.OperatorId)).OfferWithdrawn(notification.Offer);

    public async ValueTask Handle(SupervisorsAlerted notification, CancellationToken cancellationToken) =>
        await console.Clients.Group(HubGroups.Supervisors).SupervisorAlert(notification.Alert);

    public async ValueTask Handle(PresenceChanged notification, CancellationToken cancellationToken) =>
        await console.Clients.Groups(HubGroups.Operator(notification.Operator.Id), HubGroups.Supervisors).PresenceChanged(notification.Operator);

    public async ValueTask Handle(CapacityChanged notification, CancellationToken cancellationToken) =>
        await widgetState.RefreshAsync(cancellationToken);
}
