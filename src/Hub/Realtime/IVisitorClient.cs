using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Realtime;

/// <summary>What the hub pushes to the widget.</summary>
public interface IVisitorClient
{
    Task MessageAdded(VisitorMessageDto message);
    Task ConversationClosed(long conversationId);
    Task WidgetStateChanged(Routing.WidgetState state);
    /// <summary>The operator answering is typing (at most every 2 s; never stored).</summary>
    Task OperatorTyping(OperatorTypingDto typing);
    /// <summary>Where the visitor's waiting conversation stands now (routing moved it).</summary>
    Task WaitChanged(Routing.VisitorWaitDto wait);
}

/// <summary>A message as the visitor sees it: no internal ids of operators, only a display name.</summary>
/// <param name="Attachments">Files of the message, as signed expiring links on the hub (relative to the hub's address).</param>
public sealed record VisitorMessageDto(long Id, long ConversationId, string Direction, string Text, string? ClientMessageId, DateTime CreatedAt, string? Author,
    IReadOnlyList<Attachments.VisitorFileDto>? Attachments = null)
{
    public static VisitorMessageDto From(MessageDto m, string? author, Attachments.VisitorFiles files) => new(
        m.Id, m.ConversationId, m.Direction == MessageDirection.Inbound ? "visitor" : "operator", m.Text, m.ClientMessageId, m.CreatedAt, author,
        files.For(m.Attachments));
}
