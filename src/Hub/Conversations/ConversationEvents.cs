using Mediator;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

/// <summary>A conversation's state, assignment or preview changed.</summary>
public sealed record ConversationChanged(ConversationDto Conversation) : INotification;

/// <summary>An operator's reply was stored (and queued in the outbox).</summary>
public sealed record ReplyQueued(ConversationDto Conversation, MessageDto Message) : INotification;

/// <summary>A stored message changed in place: the customer edited it or reacted to it.</summary>
public sealed record MessageUpdated(MessageDto Message) : INotification;

/// <summary>An outgoing message moved on: sent, delivered, read or failed.</summary>
public sealed record MessageStatusChanged(long ConversationId, long MessageId, MessageStatus Status, string? Reason) : INotification;
