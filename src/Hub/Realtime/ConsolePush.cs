using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// The one place the hub pushes to the operator console, typed (<see cref="IConsoleClient"/>): each push says who hears
/// it — every operator who may see the conversation (the shared queue; <see cref="ConsoleAudience"/> for those narrowed
/// by their teams), one operator (their offers), the supervisors (alerts, the board).
/// </summary>
public sealed class ConsolePush(IHubContext<ConsoleHub, IConsoleClient> hub, ConsoleAudience audience, TimeProvider time, ILogger<ConsolePush> logger)
{
    /// <summary>Board nudges: at most one per window (plus one at its end), however many messages move the board.</summary>
    public static readonly TimeSpan BoardNudgeWindow = TimeSpan.FromMilliseconds(250);

    private readonly PushCoalescer board = new(time, BoardNudgeWindow, logger);

    private IConsoleClient Operators => hub.Clients.Group(HubGroups.Operators);

    private IConsoleClient Supervisors => hub.Clients.Group(HubGroups.Supervisors);

    /// <summary>To every operator who may see the conversation: the unnarrowed group, and the narrowed ones it concerns.</summary>
    private async Task ToViewers(long conversationId, Func<IConsoleClient, Task> push)
    {
        await push(Operators);
        if (await audience.ViewersAsync(conversationId) is { Count: > 0 } viewers)
            await push(hub.Clients.Clients(viewers));
    }

    public Task ConversationChanged(ConversationDto conversation) => ToViewers(conversation.Id, c => c.ConversationChanged(conversation));

    public Task MessageAdded(MessageDto message) => ToViewers(message.ConversationId, c => c.MessageAdded(message));

    public Task MessageStatusChanged(MessageStatusDto status) => ToViewers(status.ConversationId, c => c.MessageStatusChanged(status));

    /// <summary>A message changed in place (customer edit, reaction): to every operator who may see it.</summary>
    public Task MessageUpdated(MessageDto message) => ToViewers(message.ConversationId, c => c.MessageUpdated(message));

    /// <summary>The visitor is typing: to every operator who may see the conversation.</summary>
    public Task VisitorTyping(VisitorTypingDto typing) => ToViewers(typing.ConversationId, c => c.VisitorTyping(typing));

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

    public Task CsatAnswered(Csat.CsatDto survey) => ToViewers(survey.ConversationId, c => c.CsatAnswered(survey));

    /// <summary>An internal note: to every operator who may see the conversation (never to a visitor).</summary>
    public Task NoteAdded(Notes.NoteDto note) => ToViewers(note.ConversationId, c => c.NoteAdded(note));

    /// <summary>To the mentioned operator only.</summary>
    public Task Mentioned(long operatorId, Notes.MentionDto mention) => hub.Clients.Group(HubGroups.Operator(operatorId)).Mentioned(mention);

    private static List<string> SlaAudience(ConversationDto conversation) =>
        conversation.AssignedOperatorId is { } holder ? [HubGroups.Supervisors, HubGroups.Operator(holder)] : [HubGroups.Supervisors];
}
