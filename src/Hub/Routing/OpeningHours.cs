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
    private sealed record State(OpeningHoursOptions Options, TimeZoneInfo Zone, BusinessCalendar? Calendar, Dictionary<DayOfWeek, string> Weekly);

    private volatile State state;

    public OpeningHours(OpeningHoursOptions options) => state = Build(options);

    /// <summary>The hours as set now (from settings, or from the database once an admin changed them).</summary>
    public OpeningHoursOptions Options => state.Options;

    public TimeZoneInfo Zone => state.Zone;

    public string? ZoneLabel => state.Options.TimeZoneLabel;

    public bool AlwaysOpen => state.Calendar is null;

    /// <summary>New hours take effect at once (an admin saved them in the console).</summary>
    public void Replace(OpeningHoursOptions options) => state = Build(options);

    private static State Build(OpeningHoursOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var weekly = new Dictionary<DayOfWeek, string>(options.Weekly);
        return new State(options, zone, weekly.Count > 0 ? new BusinessCalendar(zone, SplitAtMidnight(weekly), options.ClosedDays) : null, weekly);
    }

    public bool IsOpen(DateTime utcNow) => state.Calendar?.IsOpen(utcNow) ?? true;

    /// <summary>The next moment live chat opens (in UTC), within two weeks; null if always open or never.</summary>
    public DateTime? NextOpening(DateTime utcNow) => state.Calendar?.NextOpening(utcNow);

    /// <summary>The calendar the hours describe (null when always open), e.g. for SLA clocks that count business hours.</summary>
    public BusinessCalendar? Calendar => state.Calendar;

    /// <summary>"Mon 09:00–17:00 · Tue 09:00–17:00 …" for the widget and the console.</summary>
    public IReadOnlyList<string> Describe(CultureInfo? culture = null)
    {
        var weekly = state.Weekly;
        return [.. Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(weekly.ContainsKey)
            .Select(d => $"{(culture ?? CultureInfo.InvariantCulture).DateTimeFormat.GetAbbreviatedDayName(d)} {weekly[d].Replace(" ", "").Replace(",", ", ").Replace('-', '–')}")];
    }

    /// <summary>Per weekday, what is wrong with its ranges (unreadable, empty, or overlapping another range); empty when fine.</summary>
    public static Dictionary<DayOfWeek, string> Problems(IReadOnlyDictionary<DayOfWeek, string> weekly)
    {
        var problems = new Dictionary<DayOfWeek, string>();
        foreach (var (day, text) in weekly)
        {
            var ranges = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ranges.Length == 0)
            {
                problems[day] = "No hours given; leave the day out to close it.";
                continue;
            }
            var parsed = new List<(TimeOnly Start, TimeOnly End)>();
            foreach (var range in ranges)
            {
                var bounds = range.Split('-', StringSplitOptions.TrimEntries);
                if (bounds.Length != 2 || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                    || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                    problems[day] = $"'{range}' is not a range such as 09:00-17:00.";
                else if (start == end)
                    problems[day] = $"'{range}' is empty.";
                else
                    parsed.Add((start, end));
            }
            if (problems.ContainsKey(day))
                continue;
            // Compare in minutes of the day; a range past midnight runs to 24:00 on this day.
            var spans = parsed.Select(r => (Start: r.Start.Hour * 60 + r.Start.Minute, End: r.End <= r.Start ? 24 * 60 : r.End.Hour * 60 + r.End.Minute)).OrderBy(r => r.Start).ToList();
            for (var i = 1; i < spans.Count; i++)
                if (spans[i].Start < spans[i - 1].End)
                    problems[day] = $"Ranges overlap on {day}.";
        }
        return problems;
    }

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
