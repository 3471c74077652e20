using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Csat;

public enum CsatDelivery
{
    /// <summary>Asked inline in the website widget.</summary>
    Widget,
    /// <summary>Sent as a short message (with quick replies where the channel has them).</summary>
    Message,
    /// <summary>An email line with one link per score.</summary>
    EmailLinks,
    /// <summary>Not asked: the channel's messaging window was closed (the reason is in Note).</summary>
    NotSent,
}

/// <summary>"How did we do?" after a conversation closed: 1–5 and an optional comment, per conversation, operator and channel.</summary>
public sealed class CsatSurvey
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public long? OperatorId { get; set; }
    public ChannelKind Channel { get; set; }
    public CsatDelivery Delivery { get; set; }
    /// <summary>Unguessable token for the email links.</summary>
    public required string Token { get; set; }
    public DateTime SentAt { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? Note { get; set; }
    /// <summary>The engagement rule whose greeting started this conversation, if any (effect per rule).</summary>
    public long? RuleId { get; set; }
}
