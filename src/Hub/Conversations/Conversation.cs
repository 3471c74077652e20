using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

public enum ConversationState
{
    Waiting,
    Assigned,
    Closed,
}

/// <summary>One thread with a contact on one channel. Never a ticket: it is answered live or in its channel's promise.</summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }
    public ChannelKind Channel { get; set; }
    /// <summary>The contact's handle on this channel (where replies go).</summary>
    public required string ContactHandle { get; set; }
    public ConversationState State { get; set; }
    public long? AssignedOperatorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    /// <summary>When the customer last wrote (opens messaging windows such as WhatsApp's 24 hours).</summary>
    public DateTime? LastInboundAt { get; set; }
    /// <summary>When the oldest customer message still waiting for a human answer arrived; null when answered.</summary>
    public DateTime? WaitingSince { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Opened → closed in seconds (ms precision), written when it closes: the resolution-time fact the reports sort on.</summary>
    public double? ResolutionSeconds { get; set; }
    /// <summary>
    /// Accepted → closed in seconds (ms precision), written when it closes: the handle-time fact of the per-operator report,
    /// credited to the operator holding it then. From the latest accepted offer; null when no offer was ever accepted.
    /// </summary>
    public double? HandleSeconds { get; set; }
    /// <summary>Channel specific threading data (e.g. last email Message-ID).</summary>
    public string? ThreadKey { get; set; }
    public string? LastMessagePreview { get; set; }
    /// <summary>Skills an operator needs for this conversation (e.g. a language), empty for anyone.</summary>
    public List<string> RequiredSkills { get; set; } = [];
    /// <summary>The team a routing rule sent this conversation to; only its members are offered it until <see cref="OverflowAt"/>.</summary>
    public long? RequiredTeamId { get; set; }
    /// <summary>When the required skills and team lapse and anyone may take the conversation; null when none are set.</summary>
    public DateTime? OverflowAt { get; set; }
    /// <summary>Web chat ladder: when the chat was offered to everyone at once.</summary>
    public DateTime? BroadcastAt { get; set; }
    /// <summary>Bumped (conditionally) by each routing decision about this conversation: one decision wins.</summary>
    public long RoutingVersion { get; set; }
    /// <summary>Web chat ladder: when the supervisors were alerted.</summary>
    public DateTime? SupervisorsAlertedAt { get; set; }

    // The SLA clock (see Sla/SlaClock). All null when no clock runs.
    /// <summary>Which promise the running clock measures.</summary>
    public Sla.SlaKind? SlaKind { get; set; }
    public DateTime? SlaStartedAt { get; set; }
    /// <summary>When the running clock turns at risk.</summary>
    public DateTime? SlaAtRiskAt { get; set; }
    /// <summary>When the running clock breaches; the queue is ordered by it. Null when no clock runs.</summary>
    public DateTime? SlaDueAt { get; set; }
    /// <summary>When the deadline engine must look at this conversation next (at-risk time, then due time); indexed.</summary>
    public DateTime? SlaNextCheckAt { get; set; }
    public DateTime? AtRiskRaisedAt { get; set; }
    public DateTime? BreachRaisedAt { get; set; }
    /// <summary>When an operator first answered (since the conversation was opened or reopened).</summary>
    public DateTime? FirstRespondedAt { get; set; }
    /// <summary>Only automatic mail so far (auto-replies, bounces, list mail nobody could place): shown in the
    /// automatic view, never offered, assigned or counted. A person's message clears it.</summary>
    public bool Automatic { get; set; }

    /// <summary>
    /// Its place in the routing queue while it waits for a human (waiting, unassigned, not automatic): the deadline the
    /// queue is ordered by (SLA due time, else arrival + the channel's promise); null otherwise. Stamped on every save by
    /// <see cref="Routing.QueueStamp"/>, so the queue is an index range rather than a computation over every open conversation.
    /// </summary>
    public DateTime? QueueDeadline { get; set; }
}
