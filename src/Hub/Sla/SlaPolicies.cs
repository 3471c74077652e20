using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Sla;

/// <summary>The policy of each channel, built once from settings over the defaults.</summary>
public sealed class SlaPolicies
{
    private volatile Dictionary<ChannelKind, SlaPolicy> policies;

    public SlaPolicies(IOptions<SlaOptions> options)
        : this(options.Value)
    {
    }

    public SlaPolicies(SlaOptions options)
    {
        policies = Enum.GetValues<ChannelKind>().ToDictionary(c => c, c => Build(c, options));
        ReportingTimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.ReportingTimeZone);
    }

    public TimeZoneInfo ReportingTimeZone { get; }

    public SlaPolicy For(ChannelKind channel) => policies[channel];

    /// <summary>Targets an admin saved in the console take effect for the next clock that starts (running clocks keep their due time).</summary>
    public void Replace(IReadOnlyDictionary<ChannelKind, SlaPolicy> changed) =>
        policies = policies.ToDictionary(p => p.Key, p => changed.TryGetValue(p.Key, out var policy) ? policy with { AtRiskRatio = p.Value.AtRiskRatio } : p.Value);

    public IEnumerable<SlaPolicy> All => policies.Values;

    private static SlaPolicy Build(ChannelKind channel, SlaOptions options)
    {
        var policy = SlaPolicy.Default(channel) with { AtRiskRatio = options.AtRiskRatio };
        if (!options.Policies.TryGetValue(channel, out var configured))
            return policy;
        return policy with
        {
            FirstResponse = configured.FirstResponse ?? policy.FirstResponse,
            NextResponse = configured.NextResponse ?? configured.FirstResponse ?? policy.NextResponse,
            Calendar = configured.BusinessHours?.ToCalendar(),
        };
    }

    /// <summary>Settings problems, for validation at start (null when fine).</summary>
    public static string? Validate(SlaOptions options)
    {
        if (options.AtRiskRatio is <= 0 or >= 1)
            return "Sla:AtRiskRatio must be between 0 and 1.";
        if (options.SweepInterval <= TimeSpan.Zero || options.StatsInterval <= TimeSpan.Zero || options.BatchSize <= 0)
            return "Sla:SweepInterval, Sla:StatsInterval and Sla:BatchSize must be positive.";
        try
        {
            _ = new SlaPolicies(options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"Sla settings are not valid: {ex.Message}";
        }
        foreach (var (channel, policy) in options.Policies)
            if (policy.FirstResponse <= TimeSpan.Zero || policy.NextResponse <= TimeSpan.Zero)
                return $"Sla:Policies:{channel} targets must be positive.";
        return null;
    }
}
