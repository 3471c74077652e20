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
    /// <summary>The conversation is a live chat (web chat): counts against the operator's live capacity, else their
    /// async one. Kept on the offer (a conversation's channel never changes) so an operator's load is counted from
    /// one index, without looking up the conversation of every offer they hold.</summary>
    public bool Live { get; set; }
    public DateTime? AnsweredAt { get; set; }
}
