using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Events;

/// <summary>The named events the inbound flow writes in its transaction (see docs/architecture.md).</summary>
public enum DomainEventKind
{
    /// <summary>A customer message was stored: arm its SLA deadline, route the conversation, push it.</summary>
    MessageReceived,
}

/// <summary>
/// A row of the domain-event outbox: written in the same transaction as the change it is about, processed after the
/// commit in order per conversation, deleted once handled. A claim (<see cref="ClaimedBy"/> until
/// <see cref="ClaimedUntil"/>) says which hub process handles it; an expired claim may be taken by any process.
/// </summary>
public sealed class DomainEvent
{
    public long Id { get; set; }
    public DomainEventKind Kind { get; set; }
    public long ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public long MessageId { get; set; }
    public Message? Message { get; set; }
    /// <summary>The message started a new (or reopened a closed) conversation.</summary>
    public bool ConversationOpened { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>"{node}/{incarnation}" of the hub process handling it.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>Failed attempts so far (an event that keeps failing is parked, see <see cref="EventsOptions.MaxAttempts"/>).</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
