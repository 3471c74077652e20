namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Where a channel hands what it received. The hub implements it by sending the ReceiveMessage
/// command through its pipeline; when the call returns the message is persisted.
/// </summary>
public interface IInboundSink
{
    Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>A provider's status callback for one of our outgoing messages.</summary>
    Task UpdateStatusAsync(ChannelKind channel, string providerMessageId, MessageStatus status, string? reason, CancellationToken cancellationToken);

    /// <summary>The provider names one of our messages by our id (a status callback URL carrying it): the message reached
    /// the provider as <paramref name="providerMessageId"/>, even if the send itself never got an answer.</summary>
    Task ConfirmSentAsync(ChannelKind channel, long messageId, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>A receipt that names no message but a moment (Messenger's read watermark): every outgoing message
    /// to <paramref name="contactHandle"/> on <paramref name="channel"/> created up to <paramref name="upTo"/> moves to <paramref name="status"/>.</summary>
    Task UpdateStatusUpToAsync(ChannelKind channel, string contactHandle, DateTime upTo, MessageStatus status, CancellationToken cancellationToken);

    /// <summary>The customer edited a message: its text changes in place (no new message, no new SLA clock).
    /// False when the edited message is not stored (then the receiver may store the edit as a new message).</summary>
    Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken);

    /// <summary>The customer reacted to a message; false when that message is not stored.</summary>
    Task<bool> ReactAsync(InboundReaction reaction, CancellationToken cancellationToken);

    /// <summary>The customer blocked (or unblocked) us on this channel.</summary>
    Task SetReachabilityAsync(ContactReachability reachability, CancellationToken cancellationToken);
}

/// <param name="Duplicate">True when the same channel + provider id was already stored.</param>
public sealed record InboundResult(long ConversationId, long MessageId, bool Duplicate, DateTime CreatedAt)
{
    /// <summary>Set when the message could not be stored at all (an identifier that does not fit, see
    /// <see cref="StoredLimits"/>): why. Nothing was stored; the receiver skips it (or answers 400 for a single message).</summary>
    public string? Refused { get; init; }

    public static InboundResult Refusal(string reason) => new(0, 0, false, default) { Refused = reason };

    /// <summary>A message sent <see cref="InboundMessage.OnlyIntoOpen"/> found no open conversation: nothing was stored.</summary>
    public bool NoOpenConversation { get; init; }

    public static readonly InboundResult NotOpen = new(0, 0, false, default) { NoOpenConversation = true };
}
