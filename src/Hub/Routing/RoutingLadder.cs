using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Pure: when an offer expires and when the web chat ladder takes its next step (everyone at once, then
/// supervisors). The routing engine and the simulator (tests/Simulation) both follow these rules.
/// </summary>
public static class RoutingLadder
{
    /// <summary>The channel the guaranteed-answer ladder applies to.</summary>
    public const ChannelKind Channel = ChannelKind.WebChat;

    public static bool Applies(ChannelKind channel) => channel == Channel;

    /// <summary>When an offer made at <paramref name="offeredAt"/> moves on to the next operator.</summary>
    public static DateTime OfferExpiry(RoutingOptions options, ChannelKind channel, DateTime offeredAt) => offeredAt + options.OfferTimeout(channel);

    public static bool IsExpired(DateTime expiresAt, DateTime now) => expiresAt <= now;

    /// <summary>Conversations waiting since this moment or earlier are due for the "everyone at once" step.</summary>
    public static DateTime BroadcastCutoff(RoutingOptions options, DateTime now) => now - options.BroadcastAfter;

    /// <summary>Conversations waiting since this moment or earlier are due for the supervisors' alert.</summary>
    public static DateTime SupervisorAlertCutoff(RoutingOptions options, DateTime now) => now - options.SupervisorAlertAfter;

    public static bool BroadcastDue(RoutingOptions options, ChannelKind channel, DateTime waitingSince, DateTime? broadcastAt, DateTime now) =>
        Applies(channel) && broadcastAt is null && waitingSince <= BroadcastCutoff(options, now);

    public static bool SupervisorAlertDue(RoutingOptions options, ChannelKind channel, DateTime waitingSince, DateTime? alertedAt, DateTime now) =>
        Applies(channel) && alertedAt is null && waitingSince <= SupervisorAlertCutoff(options, now);
}
