namespace Omnichannel.Adapters.Abstractions;

/// <summary>An operator's reply on its way out through a channel's sender.</summary>
public sealed record OutboundMessage(
    long MessageId,
    long ConversationId,
    ChannelKind Channel,
    string ContactHandle,
    string Text)
{
    /// <summary>Channel specific threading data of the conversation (e.g. the last email's Message-ID).</summary>
    public string? ThreadKey { get; init; }

    /// <summary>How many times the outbox has already tried to send this message.</summary>
    public int Attempt { get; init; }

    /// <summary>When the customer last wrote in this conversation (messaging windows: WhatsApp 24 h, Messenger 24 h / 7 days).</summary>
    public DateTime? LastInboundAt { get; init; }

    /// <summary>Short answers to offer as buttons where the channel has them (Telegram keyboard, Messenger quick replies).</summary>
    public IReadOnlyList<string> QuickReplies { get; init; } = [];

    /// <summary>Files the operator attached (hub attachment URLs; read them through <see cref="IOutboundFiles"/>).</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
}
