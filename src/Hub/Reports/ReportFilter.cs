using System.Globalization;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// What every report is computed for: a half-open UTC range [From, To), optionally one channel, one operator, one team
/// (conversations routed to the team or held by one of its members) and one page group (a path glob such as "/cart*":
/// web chats started on a matching page).
/// </summary>
public sealed record ReportFilter(DateTime From, DateTime To, ChannelKind? Channel, long? OperatorId, long? TeamId = null, string? PageGroup = null)
{
    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(731);
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "from", "to", "channel", "operator", "team", "pageGroup", "format" };

    /// <summary>Pure: the filter from the query string, or the reason it is refused (→ 400).</summary>
    public static (ReportFilter? Filter, string? Error) Parse(IEnumerable<KeyValuePair<string, string?>> query, IReadOnlySet<string>? extra = null)
    {
        var values = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        if (values.Keys.FirstOrDefault(k => !Known.Contains(k) && extra?.Contains(k) != true) is { } unknown)
            return (null, $"Unknown filter '{unknown}'. Reports filter by from, to, channel, operator, team and pageGroup.");
        if (!TryDate(values.GetValueOrDefault("from"), out var from) || !TryDate(values.GetValueOrDefault("to"), out var to))
            return (null, "from and to are required dates (ISO 8601, e.g. 2026-11-01 or 2026-11-01T00:00:00Z); to is exclusive.");
        if (to <= from)
            return (null, $"The range is inverted or empty: to ({to:O}) must be after from ({from:O}).");
        if (to - from > LongestRange)
            return (null, $"The range is {(to - from).TotalDays:0} days; reports cover at most 2 years ({LongestRange.TotalDays:0} days).");
        ChannelKind? channel = null;
        if (values.GetValueOrDefault("channel") is { Length: > 0 } c)
        {
            if (!Enum.TryParse<ChannelKind>(c, true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(c, out _))
                return (null, $"Unknown channel '{c}'. Channels: {string.Join(", ", Enum.GetNames<ChannelKind>())}.");
            channel = parsed;
        }
        long? operatorId = null;
        if (values.GetValueOrDefault("operator") is { Length: > 0 } o)
        {
            if (!long.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return (null, $"operator must be an operator id, not '{o}'.");
            operatorId = id;
        }
        long? teamId = null;
        if (values.GetValueOrDefault("team") is { Length: > 0 } t)
        {
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return (null, $"team must be a team id, not '{t}'.");
            teamId = id;
        }
        string? pageGroup = null;
        if (values.GetValueOrDefault("pageGroup") is { Length: > 0 } g)
        {
            if (Targeting.PageGlob.Invalid(g.Trim()) is { } reason)
                return (null, $"pageGroup '{g}' is not a page group: {reason}");
            pageGroup = g.Trim();
        }
        return (new ReportFilter(from, to, channel, operatorId, teamId, pageGroup), null);
    }

    private static bool TryDate(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return false;
        value = parsed.UtcDateTime;
        return value.Year is >= 2000 and <= 2200;
    }
}
