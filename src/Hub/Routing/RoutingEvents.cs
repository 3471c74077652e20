using Mediator;

namespace Omnichannel.Hub.Routing;

/// <summary>A conversation was offered to an operator (alert in their console).</summary>
public sealed record OfferMade(OfferDto Offer) : INotification;

/// <summary>An offer is no longer open: accepted by someone else, expired, cancelled.</summary>
public sealed record OfferWithdrawn(OfferDto Offer) : INotification;

/// <summary>The web chat ladder's last step: supervisors must act.</summary>
public sealed record SupervisorsAlerted(SupervisorAlertDto Alert) : INotification;

/// <summary>Live chat capacity or queue changed; the widget's state may flip.</summary>
public sealed record CapacityChanged : INotification;

/// <summary>An operator became available, away or offline.</summary>
public sealed record PresenceChanged(Operators.OperatorDto Operator) : INotification;
