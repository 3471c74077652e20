using System.Net.Http.Json;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>One process, no Redis: presence leases live in memory, so a restarted hub knows no console yet.</summary>
public sealed class PresenceAfterRestartTests
{
    [Fact]
    public async Task AfterARestart_OperatorsAreOffline_UntilTheirConsoleReconnects()
    {
        var data = HubFactory.NewDataDirectory();
        Operator ada;
        using (var first = new HubFactory { DataDirectory = data, KeepData = true })
        {
            ada = await first.CreateOperatorAsync("Ada");
            var session = await first.LoginAsync(ada);
            await session.ConnectConsoleAsync();
            var before = await session.Http.GetFromJsonAsync<OperatorDto>("/api/auth/me", TestJson.Options);
            Assert.Equal(Presence.Available, before!.Presence);
        }

        using var second = new HubFactory { DataDirectory = data };
        var again = await second.LoginAsync(ada);
        var afterRestart = await again.Http.GetFromJsonAsync<OperatorDto>("/api/auth/me", TestJson.Options);
        Assert.Equal(Presence.Offline, afterRestart!.Presence);

        var console = await again.ConnectConsoleAsync();
        var reconnected = await console.Presence.WaitAsync(p => p.Id == ada.Id);
        Assert.Equal(Presence.Available, reconnected.Presence);
    }

    [Fact]
    public async Task AnOperatorWhoChoseAwayBeforeTheirConsoleConnected_StaysAway_TheConnectionOnlyWakesTheOffline()
    {
        using var hub = new HubFactory();
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Away" })).EnsureSuccessStatusCode();

        var console = await ada.ConnectConsoleAsync();
        var connected = await console.Presence.WaitAsync(p => p.Id == ada.Operator.Id);

        Assert.Equal(Presence.Away, connected.Presence);
        var me = await ada.Http.GetFromJsonAsync<OperatorDto>("/api/auth/me", TestJson.Options);
        Assert.Equal(Presence.Away, me!.Presence);
    }
}
