using System.Globalization;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Routing;

/// <summary>Bound from <c>OpeningHours</c>. Without weekly hours the hub is always open for live chat.</summary>
public sealed class OpeningHoursOptions
{
    public const string Section = "OpeningHours";

    /// <summary>IANA time zone the hours are in, e.g. "Europe/Oslo".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How the widget names the time zone ("CET"); empty: "UTC" or the offset ("UTC+01:00").</summary>
    public string? TimeZoneLabel { get; set; }

    /// <summary>Per weekday, "09:00-17:00", several ranges separated by commas, or "22:00-02:00" across midnight.</summary>
    public Dictionary<DayOfWeek, string> Weekly { get; set; } = [];

    /// <summary>Dates (in the time zone) with no opening at all, e.g. "2026-12-25".</summary>
    public List<DateOnly> ClosedDays { get; set; } = [];
}

/// <summary>
/// When live chat is staffed. Pure: built from options, asked with a UTC instant. The arithmetic is the
/// SLA's <see cref="BusinessCalendar"/>; a range across midnight ("22:00-02:00") belongs to the day it starts.
/// </summary>
public sealed class OpeningHours
{
    private readonly BusinessCalendar? calendar;
    private readonly Dictionary<DayOfWeek, string> weekly;

    public TimeZoneInfo Zone { get; }

    public string? ZoneLabel { get; }

    public bool AlwaysOpen => calendar is null;

    public OpeningHours(OpeningHoursOptions options)
    {
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        ZoneLabel = options.TimeZoneLabel;
        weekly = new(options.Weekly);
        if (weekly.Count > 0)
            calendar = new BusinessCalendar(Zone, SplitAtMidnight(weekly), options.ClosedDays);
    }

    public bool IsOpen(DateTime utcNow) => calendar?.IsOpen(utcNow) ?? true;

    /// <summary>The next moment live chat opens (in UTC), within two weeks; null if always open or never.</summary>
    public DateTime? NextOpening(DateTime utcNow) => calendar?.NextOpening(utcNow);

    /// <summary>"Mon 09:00–17:00 · Tue 09:00–17:00 …" for the widget and the console.</summary>
    public IReadOnlyList<string> Describe(CultureInfo? culture = null) =>
        [.. Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(weekly.ContainsKey)
            .Select(d => $"{(culture ?? CultureInfo.InvariantCulture).DateTimeFormat.GetAbbreviatedDayName(d)} {weekly[d].Replace(" ", "").Replace(",", ", ").Replace('-', '–')}")];

    /// <summary>"Fri 22:00-02:00" becomes Friday 22:00–24:00 plus Saturday 00:00–02:00.</summary>
    private static Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly Start, TimeOnly End)>> SplitAtMidnight(Dictionary<DayOfWeek, string> weekly)
    {
        var days = new Dictionary<DayOfWeek, List<(TimeOnly Start, TimeOnly End)>>();
        void Add(DayOfWeek day, TimeOnly start, TimeOnly end) => (days.TryGetValue(day, out var list) ? list : days[day] = []).Add((start, end));
        foreach (var (day, text) in weekly)
            foreach (var range in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var bounds = range.Split('-', StringSplitOptions.TrimEntries);
                if (bounds.Length == 2 && TimeOnly.TryParse(bounds[0], CultureInfo.InvariantCulture, out var start)
                    && TimeOnly.TryParse(bounds[1], CultureInfo.InvariantCulture, out var end) && end < start && end != TimeOnly.MinValue)
                {
                    Add(day, start, TimeOnly.MinValue);
                    Add((DayOfWeek)(((int)day + 1) % 7), TimeOnly.MinValue, end);
                }
                else
                    foreach (var (s, e) in BusinessCalendar.ParseRanges(range))
                        Add(day, s, e);
            }
        return days.ToDictionary(d => d.Key, d => (IReadOnlyList<(TimeOnly, TimeOnly)>)d.Value);
    }
}
