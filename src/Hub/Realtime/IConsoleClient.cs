using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Realtime;

/// <summary>What the hub pushes to the operator console (method names as the JS client sees them).</summary>
public interface IConsoleClient
{
    Task ConversationChanged(ConversationDto conversation);
    Task MessageAdded(MessageDto message);
    Task MessageStatusChanged(MessageStatusDto status);
    /// <summary>A conversation is offered to this operator: alert (sound + highlight) until accepted, declined or withdrawn.</summary>
    Task OfferMade(Routing.OfferDto offer);
    Task OfferWithdrawn(Routing.OfferDto offer);
    /// <summary>Supervisors only: a web chat is about to miss its promise.</summary>
    Task SupervisorAlert(Routing.SupervisorAlertDto alert);
    /// <summary>An operator's presence changed (to them, and to supervisors).</summary>
    Task PresenceChanged(Operators.OperatorDto op);

    /// <summary>A clock turned at risk (to supervisors and the operator holding the conversation).</summary>
    Task SlaAtRisk(Sla.SlaAlertDto alert);

    /// <summary>A promise was broken (to supervisors and the operator holding the conversation).</summary>
    Task SlaBreached(Sla.BreachDto breach);

    /// <summary>Something on the SLA board moved (to supervisors): refetch /api/sla/board.</summary>
    Task BoardChanged();

    /// <summary>A customer rated a conversation (to every operator and the board).</summary>
    Task CsatAnswered(Csat.CsatDto survey);
}

public sealed record MessageStatusDto(long ConversationId, long MessageId, Adapters.Abstractions.MessageStatus Status, string? Reason);
