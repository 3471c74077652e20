using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Sla;

/// <summary>A broken promise, kept for reporting. One per clock (unique on conversation + kind + start).</summary>
public sealed class Breach
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public ChannelKind Channel { get; set; }
    public SlaKind Kind { get; set; }
    /// <summary>The policy's target for this kind when it was raised, in seconds.</summary>
    public double TargetSeconds { get; set; }
    public bool BusinessHours { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime RaisedAt { get; set; }
    /// <summary>Who held the conversation when it breached (null: it was in the queue).</summary>
    public long? OperatorId { get; set; }
}

/// <summary>A stopped clock: how long the customer waited for an answer and whether the promise was kept.</summary>
public sealed class SlaMeasurement
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public ChannelKind Channel { get; set; }
    public SlaKind Kind { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime RespondedAt { get; set; }
    /// <summary>Wall-clock wait.</summary>
    public double ResponseSeconds { get; set; }
    /// <summary>Wait as the policy counts it (business hours only, when it has a calendar).</summary>
    public double CountedSeconds { get; set; }
    public bool Met { get; set; }
    public long? OperatorId { get; set; }
}
