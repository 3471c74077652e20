namespace Omnichannel.Hub.Routing;

public enum TimelineKind
{
    Queued,
    Offered,
    Accepted,
    AutoAccepted,
    Declined,
    OfferExpired,
    Broadcast,
    SupervisorsAlerted,
    Claimed,
    Transferred,
    Rerouted,
}

/// <summary>One step in a conversation's routing history, shown in the console.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public DateTime At { get; set; }
    public TimelineKind Kind { get; set; }
    public long? OperatorId { get; set; }
    public string? Detail { get; set; }
}
