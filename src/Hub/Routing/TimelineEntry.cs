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
    /// <summary>A routing rule set required skills / a team ("needs: returns, nl → team Support NL").</summary>
    NeedsSet,
    /// <summary>Nobody with the required skills / team answered in time: anyone may take it now.</summary>
    Overflowed,
    /// <summary>A supervisor took the conversation over.</summary>
    TakenOver,
    /// <summary>A supervisor moved the conversation to a team or an operator.</summary>
    Moved,
    /// <summary>A supervisor whispered to the operator (never shown to the customer).</summary>
    Whispered,
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
