namespace Omnichannel.Adapters.Abstractions;

public enum SendOutcome
{
    Sent,
    /// <summary>Worth retrying later (timeouts, 5xx, rate limits).</summary>
    Transient,
    /// <summary>The provider refused the message for good; the reason is shown to the operator.</summary>
    Permanent,
    /// <summary>The request may have reached the provider but no answer came back (timeout after sending, connection
    /// dropped mid-answer): never retried blindly; the outbox reconciles it with the provider or asks the operator.</summary>
    Unknown,
}

public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId = null, string? Reason = null)
{
    /// <summary>How far the provider took the message when it answered: Sent, or Queued when it only accepted it
    /// for sending later (Twilio's queued / accepted); a status callback then moves it on.</summary>
    public MessageStatus Reached { get; init; } = MessageStatus.Sent;

    public static SendResult Sent(string? providerMessageId) => new(SendOutcome.Sent, providerMessageId);
    public static SendResult Queued(string? providerMessageId, string reason) => new(SendOutcome.Sent, providerMessageId, reason) { Reached = MessageStatus.Queued };
    public static SendResult Transient(string reason) => new(SendOutcome.Transient, null, reason);
    public static SendResult Permanent(string reason) => new(SendOutcome.Permanent, null, reason);
    public static SendResult Unknown(string reason) => new(SendOutcome.Unknown, null, reason);
}
