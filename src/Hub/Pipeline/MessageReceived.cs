using Mediator;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>Published once a customer message is persisted: realtime fan-out and alerts listen to it.</summary>
public sealed record MessageReceived(ConversationDto Conversation, MessageDto Message, bool ConversationOpened) : INotification
{
    /// <summary>The visitor's connection it came over, which has its answer already: not pushed back to it.</summary>
    public string? SentOver { get; init; }
}
