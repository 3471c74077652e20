using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Sla;

public enum SlaKind
{
    /// <summary>From the customer's first waiting message to the operator's first reply.</summary>
    FirstResponse,
    /// <summary>From a new customer message after a reply to the next reply.</summary>
    NextResponse,
}

public enum SlaState
{
    /// <summary>No clock runs: nobody is waiting for a human answer.</summary>
    None,
    OnTrack,
    /// <summary>At least <see cref="SlaPolicy.AtRiskRatio"/> of the target is used.</summary>
    AtRisk,
    Breached,
}

/// <summary>A channel's promise: first and next response targets, counted in calendar time or in a business calendar's open hours.</summary>
public sealed record SlaPolicy(ChannelKind Channel, TimeSpan FirstResponse, TimeSpan NextResponse, BusinessCalendar? Calendar = null, double AtRiskRatio = SlaPolicy.DefaultAtRiskRatio)
{
    public const double DefaultAtRiskRatio = 0.75;

    public TimeSpan Target(SlaKind kind) => kind == SlaKind.FirstResponse ? FirstResponse : NextResponse;

    /// <summary>The instant a clock started at <paramref name="startedAt"/> has used <paramref name="amount"/> of counted time.</summary>
    public DateTime After(DateTime startedAt, TimeSpan amount) => Calendar?.Add(startedAt, amount) ?? startedAt + amount;

    /// <summary>Counted time between two instants.</summary>
    public TimeSpan Counted(DateTime from, DateTime to) => Calendar?.Between(from, to) ?? (to > from ? to - from : TimeSpan.Zero);

    /// <summary>The defaults every channel promises unless settings say otherwise.</summary>
    public static SlaPolicy Default(ChannelKind channel) => channel switch
    {
        ChannelKind.WebChat => new(channel, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)),
        ChannelKind.Email => new(channel, TimeSpan.FromDays(1), TimeSpan.FromDays(1)),
        _ => new(channel, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)),
    };
}
