using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Sla;

/// <summary>Bound from <c>Sla</c>. Every key is optional: a channel without settings keeps its default promise.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Share of the target after which a clock is at risk (0.75 = 75 %).</summary>
    public double AtRiskRatio { get; set; } = SlaPolicy.DefaultAtRiskRatio;

    /// <summary>How often the scheduler sweeps for due deadlines as a safety net (it is also woken for the nearest one, on time).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due clocks one sweep round handles before looking again.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often queue-length and attainment gauges are refreshed for scraping.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time zone (IANA id) whose midnight starts "today" on the board and in reports.</summary>
    public string ReportingTimeZone { get; set; } = "UTC";

    /// <summary>Per channel (WebChat, WhatsApp, Sms, Messenger, Telegram, Email).</summary>
    public Dictionary<ChannelKind, SlaPolicyOptions> Policies { get; set; } = [];
}

public sealed class SlaPolicyOptions
{
    /// <summary>e.g. "00:00:30", "00:05:00", "1.00:00:00".</summary>
    public TimeSpan? FirstResponse { get; set; }
    public TimeSpan? NextResponse { get; set; }
    /// <summary>Null: the clock counts calendar time (email's default).</summary>
    public BusinessHoursOptions? BusinessHours { get; set; }
}

public sealed class BusinessHoursOptions
{
    /// <summary>IANA time zone id, e.g. "Europe/Oslo".</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Day name → "09:00-17:00" (or "09:00-12:00,13:00-17:00"); a missing day is closed.</summary>
    public Dictionary<DayOfWeek, string> Weekly { get; set; } = [];
    /// <summary>Dates (yyyy-MM-dd, local) when nothing is open, e.g. public holidays.</summary>
    public List<DateOnly> ClosedDays { get; set; } = [];

    public BusinessCalendar ToCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Weekly.ToDictionary(p => p.Key, p => BusinessCalendar.ParseRanges(p.Value)),
        ClosedDays);
}
