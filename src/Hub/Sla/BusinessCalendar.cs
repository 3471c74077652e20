namespace Omnichannel.Hub.Sla;

/// <summary>
/// Opening hours a clock counts in: weekly hours in a time zone, minus closed days. Pure arithmetic, no clock of its own.
/// All inputs and outputs are UTC; days and hours are read in the calendar's zone (daylight saving included).
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a deadline is searched before giving up (a calendar with no open hour never ends).</summary>
    private const int MaxDays = 3 * 366;

    private readonly Dictionary<DayOfWeek, IReadOnlyList<(TimeOnly Start, TimeOnly End)>> weekly;

    public BusinessCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(TimeOnly Start, TimeOnly End)>> weekly, IEnumerable<DateOnly>? closedDays = null)
    {
        TimeZone = timeZone;
        this.weekly = weekly.ToDictionary(p => p.Key, p => (IReadOnlyList<(TimeOnly, TimeOnly)>)[.. p.Value.OrderBy(r => r.Start)]);
        foreach (var (day, ranges) in this.weekly)
            foreach (var (start, end) in ranges)
                if (end <= start && end != TimeOnly.MinValue)
                    throw new ArgumentException($"Opening hours on {day} end before they start ({start}-{end}).");
        ClosedDays = new HashSet<DateOnly>(closedDays ?? []);
    }

    public TimeZoneInfo TimeZone { get; }
    public IReadOnlySet<DateOnly> ClosedDays { get; }

    /// <summary>Open intervals of one local day, as UTC instants.</summary>
    public IEnumerable<(DateTime Start, DateTime End)> OpenIntervals(DateOnly day)
    {
        if (ClosedDays.Contains(day) || !weekly.TryGetValue(day.DayOfWeek, out var ranges))
            yield break;
        foreach (var (start, end) in ranges)
        {
            var from = ToUtc(day.ToDateTime(start));
            // "00:00" as an end means midnight at the end of the day.
            var to = end == TimeOnly.MinValue ? ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : ToUtc(day.ToDateTime(end));
            if (to > from)
                yield return (from, to);
        }
    }

    /// <summary>The instant when <paramref name="amount"/> of open time has passed after <paramref name="startUtc"/>.</summary>
    public DateTime Add(DateTime startUtc, TimeSpan amount)
    {
        var left = amount;
        var day = LocalDay(startUtc).AddDays(-1); // an interval of the previous local day may still be open (zone offsets)
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            foreach (var (from, to) in OpenIntervals(day))
            {
                if (to <= startUtc)
                    continue;
                var begin = from < startUtc ? startUtc : from;
                var open = to - begin;
                if (open >= left)
                    return begin + left;
                left -= open;
            }
        }
        return DateTime.MaxValue;
    }

    /// <summary>Whether <paramref name="utc"/> falls in an open interval.</summary>
    public bool IsOpen(DateTime utc)
    {
        var day = LocalDay(utc);
        return OpenIntervals(day.AddDays(-1)).Concat(OpenIntervals(day)).Any(i => i.Start <= utc && utc < i.End);
    }

    /// <summary>The start of the next open interval after <paramref name="utc"/>, within <paramref name="days"/> days; null if none.</summary>
    public DateTime? NextOpening(DateTime utc, int days = 14)
    {
        var day = LocalDay(utc);
        for (var i = 0; i <= days; i++, day = day.AddDays(1))
            foreach (var (start, _) in OpenIntervals(day))
                if (start > utc)
                    return start;
        return null;
    }

    /// <summary>Open time between two instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
            return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        var last = LocalDay(toUtc);
        var day = LocalDay(fromUtc).AddDays(-1);
        for (var i = 0; day <= last && i < MaxDays * 4; i++, day = day.AddDays(1))
        {
            foreach (var (from, to) in OpenIntervals(day))
            {
                var begin = from < fromUtc ? fromUtc : from;
                var end = to > toUtc ? toUtc : to;
                if (end > begin)
                    total += end - begin;
            }
        }
        return total;
    }

    private DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone));

    private DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a daylight saving jump opens at the first valid minute after it.
        while (TimeZone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    /// <summary>Parses "09:00-17:00" or "09:00-12:00, 13:00-17:00" (an end of "24:00" or "00:00" is midnight).</summary>
    public static IReadOnlyList<(TimeOnly Start, TimeOnly End)> ParseRanges(string text)
    {
        List<(TimeOnly, TimeOnly)> ranges = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("closed", StringComparison.OrdinalIgnoreCase))
                continue;
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2 || !TryTime(bounds[0], out var start) || !TryTime(bounds[1], out var end))
                throw new FormatException($"'{part}' is not an opening-hours range like 09:00-17:00.");
            if (end <= start && end != TimeOnly.MinValue)
                throw new FormatException($"'{part}' ends before it starts.");
            ranges.Add((start, end));
        }
        return ranges;
    }

    private static bool TryTime(string text, out TimeOnly time)
    {
        if (text is "24:00" or "24:00:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }
        return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time);
    }
}
