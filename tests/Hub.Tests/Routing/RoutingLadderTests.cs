using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>The ladder's timing as the engine and the simulator share it.</summary>
public sealed class RoutingLadderTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RoutingOptions Options = new();

    [Fact]
    public void Offers_ExpireAfterTheChannelsTimeout()
    {
        Assert.Equal(T0.AddSeconds(10), RoutingLadder.OfferExpiry(Options, ChannelKind.WebChat, T0));
        Assert.Equal(T0.AddSeconds(60), RoutingLadder.OfferExpiry(Options, ChannelKind.WhatsApp, T0));
        Assert.False(RoutingLadder.IsExpired(T0.AddSeconds(10), T0.AddSeconds(9.9)));
        Assert.True(RoutingLadder.IsExpired(T0.AddSeconds(10), T0.AddSeconds(10)));
    }

    [Fact]
    public void WebChat_GoesToEveryoneAt20s_AndToSupervisorsAt25s_OnceEach()
    {
        Assert.False(RoutingLadder.BroadcastDue(Options, ChannelKind.WebChat, T0, null, T0.AddSeconds(19.9)));
        Assert.True(RoutingLadder.BroadcastDue(Options, ChannelKind.WebChat, T0, null, T0.AddSeconds(20)));
        Assert.False(RoutingLadder.BroadcastDue(Options, ChannelKind.WebChat, T0, T0.AddSeconds(20), T0.AddSeconds(21)));
        Assert.False(RoutingLadder.SupervisorAlertDue(Options, ChannelKind.WebChat, T0, null, T0.AddSeconds(24)));
        Assert.True(RoutingLadder.SupervisorAlertDue(Options, ChannelKind.WebChat, T0, null, T0.AddSeconds(25)));
        Assert.False(RoutingLadder.SupervisorAlertDue(Options, ChannelKind.WebChat, T0, T0.AddSeconds(25), T0.AddSeconds(30)));
    }

    [Fact]
    public void AsynchronousChannels_HaveNoLadder() =>
        Assert.False(RoutingLadder.BroadcastDue(Options, ChannelKind.Email, T0, null, T0.AddHours(1)));
}
