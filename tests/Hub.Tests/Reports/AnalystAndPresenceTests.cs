using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>The analytics role reads and never acts; presence changes through the real API become the online time of occupancy.</summary>
public sealed class AnalystAndPresenceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public AnalystAndPresenceTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private const string Range = "from=2026-11-24&to=2026-11-25";

    [Fact]
    public async Task Analyst_SeesReportsAndBoards_ButCannotAnswerGoOnlineOrChangeSettings()
    {
        var analyst = (await hub.LoginAsync(await hub.CreateOperatorAsync("Mia", Roles.Analyst))).Http;
        foreach (var path in new[] { "/api/auth/me", $"/api/reports/volume?{Range}", $"/api/reports/operators?{Range}", $"/api/reports/staffing?{Range}", "/api/sla/board", "/api/csat" })
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync(path)).StatusCode);
        Assert.DoesNotContain((await analyst.GetFromJsonAsync<OperatorReport>($"/api/reports/operators?{Range}", TestJson.Options))!.Operators, o => o.Name == "Mia");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/conversations/1/reply", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync("/api/settings/sla", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/operators", new { email = "x@y.test", displayName = "X", password = "long-enough-password", role = "admin" })).StatusCode);
    }

    [Fact]
    public async Task Admin_CreatesAnAnalyst_AndAnOperatorCannotReadReports()
    {
        var admin = (await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Roles.Admin))).Http;
        var created = await admin.PostAsJsonAsync("/api/operators", new { email = "mia@shop.test", displayName = "Mia", password = "a-long-enough-password-15", role = "analyst" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        Assert.Equal("analyst", (await created.Content.ReadFromJsonAsync<OperatorDto>(TestJson.Options))!.Role);
        var operatorHttp = (await hub.LoginAsync(await hub.CreateOperatorAsync("Olle"))).Http;
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorHttp.GetAsync($"/api/reports/volume?{Range}")).StatusCode);
    }

    [Fact]
    public async Task PresenceChanges_AreStoredAsSpells_AndCountAsOnlineTime()
    {
        var supervisor = (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor))).Http;
        var ada = await hub.CreateOperatorAsync("Ada");
        var session = (await hub.LoginAsync(ada)).Http;
        (await session.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(30));
        (await session.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(30));
        (await session.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Offline" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(2));
        (await session.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(15));
        // The open spell counts up to now: 30 + 30 + 15 minutes online, nothing busy.
        var report = (await supervisor.GetFromJsonAsync<OperatorReport>($"/api/reports/operators?{Range}", TestJson.Options))!;
        var row = Assert.Single(report.Operators, o => o.OperatorId == ada.Id);
        Assert.Equal((4500.0, 0.0, 0.0), (row.OnlineSeconds, row.BusySeconds, row.Occupancy));
    }
}
