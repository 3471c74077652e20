using System.Globalization;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Site;

namespace Omnichannel.Hub.Settings;

/// <summary>Pure: turns a settings request into settings, or says which fields are wrong (then nothing is saved).</summary>
public static class SettingsRules
{
    public const int MaxTargetSeconds = 30 * 24 * 3600;

    public static (SlaSettings? Settings, FieldErrors Errors) Sla(SlaSettingsRequest request)
    {
        var errors = new FieldErrors();
        if (request.Policies is not { Count: > 0 } policies)
            return (null, errors.Add("policies", "Give at least one channel's targets."));
        var result = new List<SlaPolicySetting>();
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            var at = $"policies[{i}]";
            if (!Enum.TryParse<ChannelKind>(p.Channel, ignoreCase: true, out var channel) || !Enum.IsDefined(channel) || char.IsDigit(p.Channel![0]))
            {
                errors.Add($"{at}.channel", $"Channel must be one of {string.Join(", ", Enum.GetNames<ChannelKind>())}.");
                continue;
            }
            if (result.Any(r => r.Channel == channel))
                errors.Add($"{at}.channel", $"{channel} is given twice.");
            var first = p.FirstResponseSeconds;
            var next = p.NextResponseSeconds ?? first;
            if (first is not (> 0 and <= MaxTargetSeconds))
                errors.Add($"{at}.firstResponseSeconds", $"The first response target must be between 1 second and 30 days.");
            if (next is not (> 0 and <= MaxTargetSeconds))
                errors.Add($"{at}.nextResponseSeconds", $"The next response target must be between 1 second and 30 days.");
            else if (first > next)
                errors.Add($"{at}.nextResponseSeconds", "The next response target cannot be shorter than the first response target.");
            if (first is > 0 && next is > 0)
                result.Add(new SlaPolicySetting(channel, first.Value, next.Value, p.BusinessHours ?? false));
        }
        return errors.Any ? (null, errors) : (new SlaSettings(result), errors);
    }

    public static (OpeningHoursSettings? Settings, FieldErrors Errors) OpeningHours(OpeningHoursRequest request)
    {
        var errors = new FieldErrors();
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            errors.Add("timeZone", $"'{zone}' is not a time zone (use an IANA name such as Europe/Amsterdam).");
        var weekly = new Dictionary<DayOfWeek, string>();
        foreach (var (name, hours) in request.Weekly ?? [])
        {
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day) || char.IsDigit(name[0]))
                errors.Add($"weekly.{name}", "Not a day of the week (Monday … Sunday).");
            else
                weekly[day] = hours ?? "";
        }
        foreach (var (day, problem) in Routing.OpeningHours.Problems(weekly))
            errors.Add($"weekly.{day}", problem);
        var alwaysOpen = request.AlwaysOpen ?? false;
        if (!alwaysOpen && weekly.Count == 0)
            errors.Add("weekly", "Give the opening hours of at least one day, or choose always open.");
        var closed = new List<DateOnly>();
        foreach (var text in request.ClosedDays ?? [])
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                closed.Add(date);
            else
                errors.Add("closedDays", $"'{text}' is not a date such as 2026-12-25.");
        return errors.Any ? (null, errors) : (new OpeningHoursSettings(alwaysOpen, zone, alwaysOpen ? [] : weekly, [.. closed.Distinct().Order()]), errors);
    }

    public static OpeningHoursOptions ToOptions(OpeningHoursSettings s) =>
        new() { TimeZone = s.TimeZone, Weekly = s.AlwaysOpen ? [] : new(s.Weekly), ClosedDays = [.. s.ClosedDays] };

    public static OpeningHoursSettings FromOptions(OpeningHoursOptions o) =>
        new(o.Weekly.Count == 0, o.TimeZone, new(o.Weekly), [.. o.ClosedDays]);
}
