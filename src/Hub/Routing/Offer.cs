namespace Omnichannel.Hub.Routing;

public enum OfferState
{
    Pending,
    Accepted,
    Declined,
    Expired,
    Cancelled,
}

/// <summary>A conversation offered to an operator, who accepts or declines before it expires.</summary>
public sealed class Offer
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public long OperatorId { get; set; }
    public DateTime OfferedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public OfferState State { get; set; }
    /// <summary>Part of the ladder's "everyone at once" step.</summary>
    public bool Broadcast { get; set; }
    public DateTime? AnsweredAt { get; set; }
}
