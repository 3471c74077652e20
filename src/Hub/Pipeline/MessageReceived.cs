using Mediator;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>Published once a customer message is persisted: realtime fan-out and alerts listen to it.</summary>
public sealed record MessageReceived(ConversationDto Conversation, MessageDto Message, bool ConversationOpened) : INotification;
