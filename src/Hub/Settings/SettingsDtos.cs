using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Settings;

/// <summary>One channel's promise. <see cref="BusinessHours"/>: the clock counts only opening hours (else calendar time).</summary>
public sealed record SlaPolicySetting(ChannelKind Channel, int FirstResponseSeconds, int NextResponseSeconds, bool BusinessHours);

public sealed record SlaSettings(List<SlaPolicySetting> Policies);

/// <param name="Weekly">Day name → "09:00-17:00" or "09:00-12:00,13:00-17:00" or "22:00-02:00"; a missing day is closed.</param>
/// <param name="ClosedDays">Holidays (yyyy-MM-dd, in the time zone).</param>
public sealed record OpeningHoursSettings(bool AlwaysOpen, string TimeZone, Dictionary<DayOfWeek, string> Weekly, List<DateOnly> ClosedDays);

public sealed record SlaSettingsRequest(List<SlaPolicyRequest>? Policies);

public sealed record SlaPolicyRequest(string? Channel, int? FirstResponseSeconds, int? NextResponseSeconds, bool? BusinessHours);

public sealed record OpeningHoursRequest(bool? AlwaysOpen, string? TimeZone, Dictionary<string, string>? Weekly, List<string>? ClosedDays);
