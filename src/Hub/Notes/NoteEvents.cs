using Mediator;

namespace Omnichannel.Hub.Notes;

/// <summary>An operator wrote an internal note (every operator's console shows it in the timeline).</summary>
public sealed record NoteAdded(NoteDto Note) : INotification;

/// <summary>A note mentioned an operator: alert them live, and off-screen through the alert path.</summary>
public sealed record OperatorMentioned(long OperatorId, MentionDto Mention) : INotification;
