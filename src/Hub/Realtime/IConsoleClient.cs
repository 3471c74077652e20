using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Realtime;

/// <summary>What the hub pushes to the operator console (method names as the JS client sees them).</summary>
public interface IConsoleClient
{
    Task ConversationChanged(ConversationDto conversation);
    Task MessageAdded(MessageDto message);
    Task MessageStatusChanged(MessageStatusDto status);
}

public sealed record MessageStatusDto(long ConversationId, long MessageId, Adapters.Abstractions.MessageStatus Status, string? Reason);
