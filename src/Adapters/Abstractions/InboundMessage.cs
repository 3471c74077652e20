namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// A customer message as a channel received it, normalized. <see cref="ProviderMessageId"/> is the
/// provider's id (MessageSid, mid, update_id, Message-ID) or, for web chat, the visitor's client
/// message id; together with <see cref="Channel"/> it de-duplicates provider retries.
/// </summary>
public sealed record InboundMessage(
    ChannelKind Channel,
    string ContactHandle,
    string ProviderMessageId,
    string Text,
    DateTime ReceivedAt)
{
    /// <summary>The display name the provider gave (ProfileName, first name, From display name).</summary>
    public string? ContactName { get; init; }

    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>The live connection it was sent over (a widget's), if any: that connection has its answer, so the message
    /// is shown to the visitor's other connections (tabs) but not pushed back to it.</summary>
    public string? SentOver { get; init; }

    /// <summary>A conversation the channel already knows this message belongs to (e.g. email threading).</summary>
    public long? ConversationId { get; init; }

    /// <summary>The channel's own threading found no conversation for this message: start a new one instead of
    /// joining the contact's latest conversation (email: a new subject is a new conversation).</summary>
    public bool NewConversation { get; init; }

    /// <summary>Store the message only into the contact's open conversation on the channel. When there is none (or only a
    /// closed one) nothing is stored, created or reopened, and the result says so (<see cref="InboundResult.NoOpenConversation"/>):
    /// the web chat widget's send, which then checks whether a new chat may start (availability, quotas) and sends again
    /// without this flag. An ongoing chat's message thus costs no check before it is stored.</summary>
    public bool OnlyIntoOpen { get; init; }

    /// <summary>Channel specific threading data (email subject, Message-ID, References), opaque to the hub.</summary>
    public string? ThreadKey { get; init; }

    /// <summary>Auto-replies, bounces, list mail: shown to the operator, never counted as a waiting customer.</summary>
    public bool IsAutomated { get; init; }

    /// <summary>Structured data beside the text (see <see cref="MetadataKeys"/>): button payloads, deep-link
    /// parameters, contact cards. Shown to the operator; never sent anywhere.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

public sealed record Attachment(string Url, string ContentType, string? Name = null, long? Size = null);
