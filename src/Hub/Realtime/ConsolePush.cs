using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// The one place the hub pushes to the operator console, typed (<see cref="IConsoleClient"/>): each push says who hears
/// it — every operator (the shared queue), one operator (their offers), the supervisors (alerts, the board).
/// </summary>
public sealed class ConsolePush(IHubContext<ConsoleHub, IConsoleClient> hub, TimeProvider time, ILogger<ConsolePush> logger)
{
    /// <summary>Board nudges: at most one per window (plus one at its end), however many messages move the board.</summary>
    public static readonly TimeSpan BoardNudgeWindow = TimeSpan.FromMilliseconds(250);

    private readonly PushCoalescer board = new(time, BoardNudgeWindow, logger);

    private IConsoleClient Operators => hub.Clients.Group(HubGroups.Operators);

    private IConsoleClient Supervisors => hub.Clients.Group(HubGroups.Supervisors);

    public Task ConversationChanged(ConversationDto conversation) => Operators.ConversationChanged(conversation);

    public Task MessageAdded(MessageDto message) => Operators.MessageAdded(message);

    public Task MessageStatusChanged(MessageStatusDto status) => Operators.MessageStatusChanged(status);

    /// <summary>A message changed in place (customer edit, reaction): to every operator.</summary>
    public Task MessageUpdated(MessageDto message) => Operators.MessageUpdated(message);

    public Task OfferMade(OfferDto offer) => hub.Clients.Group(HubGroups.Operator(offer.OperatorId)).OfferMade(offer);

    public Task OfferWithdrawn(OfferDto offer) => hub.Clients.Group(HubGroups.Operator(offer.OperatorId)).OfferWithdrawn(offer);

    public Task SupervisorAlert(SupervisorAlertDto alert) => Supervisors.SupervisorAlert(alert);

    /// <summary>To the operator themself and to supervisors.</summary>
    public Task PresenceChanged(Operators.OperatorDto op) => hub.Clients.Groups(HubGroups.Operator(op.Id), HubGroups.Supervisors).PresenceChanged(op);

    /// <summary>To supervisors and the operator holding the conversation.</summary>
    public Task SlaAtRisk(SlaAlertDto alert, ConversationDto conversation) => hub.Clients.Groups(SlaAudience(conversation)).SlaAtRisk(alert);

    /// <summary>To supervisors and the operator holding the conversation.</summary>
    public Task SlaBreached(BreachDto breach, ConversationDto conversation) => hub.Clients.Groups(SlaAudience(conversation)).SlaBreached(breach);

    /// <summary>Something on the SLA board moved: supervisors refetch it (coalesced: a burst of changes is two nudges, not one each).</summary>
    public Task BoardChanged() => board.NudgeAsync(() => Supervisors.BoardChanged());

    /// <summary>A supervisor's whisper: to the operator holding the conversation and to supervisors — never to a visitor.</summary>
    public Task Whisper(Supervision.WhisperDto whisper) =>
        whisper.ToOperatorId is { } to ? hub.Clients.Groups(HubGroups.Operator(to), HubGroups.Supervisors).Whisper(whisper) : Supervisors.Whisper(whisper);

    public Task CsatAnswered(Csat.CsatDto survey) => Operators.CsatAnswered(survey);

    /// <summary>An internal note: to every operator (never to a visitor).</summary>
    public Task NoteAdded(Notes.NoteDto note) => Operators.NoteAdded(note);

    /// <summary>To the mentioned operator only.</summary>
    public Task Mentioned(long operatorId, Notes.MentionDto mention) => hub.Clients.Group(HubGroups.Operator(operatorId)).Mentioned(mention);

    private static List<string> SlaAudience(ConversationDto conversation) =>
        conversation.AssignedOperatorId is { } holder ? [HubGroups.Supervisors, HubGroups.Operator(holder)] : [HubGroups.Supervisors];
}
