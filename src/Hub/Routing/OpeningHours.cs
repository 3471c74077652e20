using System.Globalization;

namespace Omnichannel.Hub.Routing;

/// <summary>Bound from <c>OpeningHours</c>. Without weekly hours the hub is always open for live chat.</summary>
public sealed class OpeningHoursOptions
{
    public const string Section = "OpeningHours";

    /// <summary>IANA time zone the hours are in, e.g. "Europe/Oslo".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Per weekday, "09:00-17:00", several ranges separated by commas, or "22:00-02:00" across midnight.</summary>
    public Dictionary<DayOfWeek, string> Weekly { get; set; } = [];

    /// <summary>Dates (in the time zone) with no opening at all, e.g. "2026-12-25".</summary>
    public List<DateOnly> ClosedDays { get; set; } = [];
}

/// <summary>When live chat is staffed. Pure: built from options, asked with a UTC instant.</summary>
public sealed class OpeningHours
{
    private readonly Dictionary<DayOfWeek, List<(TimeOnly Open, TimeOnly Close)>> weekly;
    private readonly HashSet<DateOnly> closedDays;

    public TimeZoneInfo Zone { get; }

    public bool AlwaysOpen => weekly.Count == 0;

    public OpeningHours(OpeningHoursOptions options)
    {
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        weekly = options.Weekly.ToDictionary(d => d.Key, d => ParseRanges(d.Value));
        closedDays = [.. options.ClosedDays];
    }

    public bool IsOpen(DateTime utcNow)
    {
        if (AlwaysOpen)
            return true;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, Zone);
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var yesterday = today.AddDays(-1);
        return Ranges(today).Any(r => r.Open < r.Close ? time >= r.Open && time < r.Close : time >= r.Open)
            || Ranges(yesterday).Any(r => r.Open >= r.Close && time < r.Close);
    }

    /// <summary>The next moment live chat opens (in UTC), within two weeks; null if always open or never.</summary>
    public DateTime? NextOpening(DateTime utcNow)
    {
        if (AlwaysOpen)
            return null;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, Zone);
        for (var day = DateOnly.FromDateTime(local); day <= DateOnly.FromDateTime(local).AddDays(14); day = day.AddDays(1))
            foreach (var (open, _) in Ranges(day).OrderBy(r => r.Open))
            {
                var start = day.ToDateTime(open);
                if (start > local && !Zone.IsInvalidTime(start))
                    return TimeZoneInfo.ConvertTimeToUtc(start, Zone);
            }
        return null;
    }

    /// <summary>"Mon 09:00–17:00 · Tue 09:00–17:00 …" for the widget and the console.</summary>
    public IReadOnlyList<string> Describe() =>
        [.. Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(weekly.ContainsKey)
            .Select(d => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)} {string.Join(", ", weekly[d].Select(r => $"{r.Open:HH\\:mm}–{r.Close:HH\\:mm}"))}")];

    private IEnumerable<(TimeOnly Open, TimeOnly Close)> Ranges(DateOnly day) =>
        closedDays.Contains(day) || !weekly.TryGetValue(day.DayOfWeek, out var ranges) ? [] : ranges;

    private static List<(TimeOnly, TimeOnly)> ParseRanges(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(range =>
        {
            var parts = range.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var open) || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var close))
                throw new FormatException($"Opening hours '{range}' are not in the form HH:mm-HH:mm.");
            return (open, close);
        })];
}
