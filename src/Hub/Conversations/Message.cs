using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

public enum MessageDirection
{
    Inbound,
    Outbound,
}

/// <summary>A message in a conversation, in either direction.</summary>
public sealed class Message
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public ChannelKind Channel { get; set; }
    public MessageDirection Direction { get; set; }
    public required string Text { get; set; }
    /// <summary>Provider's id (inbound: dedupe key; outbound: set once the provider accepted it).</summary>
    public string? ProviderMessageId { get; set; }
    /// <summary>The console's idempotency key for a reply.</summary>
    public string? ClientMessageId { get; set; }
    public MessageStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public long? OperatorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsAutomated { get; set; }
    public List<Attachment> Attachments { get; set; } = [];
    /// <summary>Outbound: short answers offered as buttons where the channel has them (e.g. the CSAT scores 1–5).</summary>
    public List<string> QuickReplies { get; set; } = [];
    /// <summary>Inbound: when the customer last edited it (the text is the edited one); null when never edited.</summary>
    public DateTime? EditedAt { get; set; }
    /// <summary>The customer's reaction to this message (either direction), null when none.</summary>
    public string? Reaction { get; set; }
    /// <summary>Structured data the provider sent with it (button payloads, deep-link parameters, contact cards).</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>A customer's message as received through any channel (not yet attached to a conversation).</summary>
    public static Message FromInbound(InboundMessage inbound, DateTime at) => new()
    {
        Channel = inbound.Channel,
        Direction = MessageDirection.Inbound,
        Text = inbound.Text,
        ProviderMessageId = inbound.ProviderMessageId,
        Status = MessageStatus.Delivered,
        CreatedAt = at,
        IsAutomated = inbound.IsAutomated,
        Attachments = [.. inbound.Attachments],
        Metadata = new Dictionary<string, string>(inbound.Metadata),
    };
}
