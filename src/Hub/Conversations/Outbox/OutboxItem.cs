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
    public DateTime CreatedAt { get; set; }
}
