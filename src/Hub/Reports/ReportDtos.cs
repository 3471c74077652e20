using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Reports;

/// <summary>Conversations opened per channel, weekday and hour of the day (the shop's time zone).</summary>
public sealed record VolumeCell(ChannelKind Channel, DayOfWeek Day, int Hour, int Conversations);

public sealed record VolumeReport(int Conversations, int NewContacts, int ReturningContacts, IReadOnlyList<VolumeCell> Cells);

public sealed record HistogramBucket(string Label, double? UpToSeconds, int Count);

/// <summary>First response times (nearest-rank percentiles) of one channel.</summary>
public sealed record ResponseTimes(ChannelKind Channel, int Responses, double P50, double P90, double P99, IReadOnlyList<HistogramBucket> Histogram);

public sealed record ResponseReport(IReadOnlyList<ResponseTimes> Channels);

/// <summary>Opened → closed times (nearest-rank percentiles) of one channel's resolved conversations.</summary>
public sealed record ResolutionTimes(ChannelKind Channel, int Resolved, double P50, double P90, double P99, IReadOnlyList<HistogramBucket> Histogram);

public sealed record ResolutionReport(IReadOnlyList<ResolutionTimes> Channels);

/// <summary>Promises kept on one day (shop's time zone) for one channel: first and next responses measured, met, breached.</summary>
public sealed record AttainmentDay(DateOnly Date, ChannelKind Channel, int Measured, int Met, double Attainment);

public sealed record AttainmentReport(int Measured, int Met, double? Attainment, IReadOnlyList<AttainmentDay> Days);

public enum BreachReason
{
    /// <summary>Nobody with free capacity was offered it before the deadline (nobody online or all busy).</summary>
    NoFreeOperator,
    /// <summary>It was offered, but the offers were declined or ran out.</summary>
    OfferIgnored,
    /// <summary>An operator held it and answered too late.</summary>
    AnsweredLate,
}

public sealed record BreachCount(ChannelKind Channel, BreachReason Reason, int Breaches);

public sealed record BreachReport(int Breaches, IReadOnlyList<BreachCount> ByReason);

public sealed record TurnedAwayDay(DateOnly Date, int PageViewsBusy, int ChatsRefused);

public sealed record TurnedAwayReport(int PageViewsBusy, int ChatsRefused, IReadOnlyList<TurnedAwayDay> Days);

/// <param name="Occupancy">Busy (holding at least one web chat) over online; null when the operator was not online in the range.</param>
public sealed record OperatorRow(long OperatorId, string Name, int Conversations, int FirstResponses, double? MeanFirstResponseSeconds,
    int FirstResponsesMet, int CsatRatings, double? CsatAverage, int Breaches, double? MeanHandleSeconds,
    double? OnlineSeconds, double? BusySeconds, double? Occupancy);

public sealed record OperatorReport(IReadOnlyList<OperatorRow> Operators);

/// <summary>One greeting rule's effect in the range: distinct visitors greeted (shown), who accepted, who converted.</summary>
public sealed record EngagementRow(long RuleId, string Rule, string PageGroup, int Shown, int Accepted, int Converted, double? AcceptRate, double? ConversionRate);

public sealed record EngagementReport(int Shown, int Accepted, int Converted, IReadOnlyList<EngagementRow> Rules);
