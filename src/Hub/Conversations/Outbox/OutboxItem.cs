namespace Omnichannel.Hub.Conversations.Outbox;

/// <summary>A persisted send of an outgoing message: written with the message, removed from the due
/// set when the provider accepted or refused it for good.</summary>
public sealed class OutboxItem
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public Message? Message { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the dispatcher should (re)try; null once done.</summary>
    public DateTime? DueAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set (and saved) just before the sender is called, cleared when the provider answered. Still set when a
    /// pass finds the entry: the last attempt's outcome is unknown (timed out, or the hub died mid-send), so the
    /// dispatcher reconciles instead of sending again.</summary>
    public DateTime? InFlightSince { get; set; }
    /// <summary>How many times the provider was asked whether an unanswered send arrived.</summary>
    public int Checks { get; set; }
    public DateTime CreatedAt { get; set; }
}
