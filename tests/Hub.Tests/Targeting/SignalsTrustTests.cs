using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Targeting;

/// <summary>
/// Issue 16: signals only from a visitor the hub issued a token to (signed, expiring), and dwell times that one client
/// cannot use to move the percentiles that time everyone's proactive greetings. Real hub, the hub's clock faked.
/// </summary>
public sealed class SignalsTrustTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public SignalsTrustTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<HttpResponseMessage> SignalsAsync(string? token, string path, params object[][] events) =>
        await hub.Http().PostAsync("/api/widget/signals",
            new StringContent(JsonSerializer.Serialize(new { token, path, events }), Encoding.UTF8, "text/plain"));

    private async Task<SignalAnswer> AcceptedAsync(string token, string path, params object[][] events)
    {
        var response = await SignalsAsync(token, path, events);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SignalAnswer>(TestJson.Options))!;
    }

    [Fact]
    public async Task Signals_WithoutATokenTheHubIssued_Are401_AndNoLiveVisitorAppears()
    {
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("v_0123456789abcdef01234567"));

        foreach (var token in new[] { null, "", forged, "CfDJ8" + new string('A', 200) })
        {
            var response = await SignalsAsync(token, "/cart.html", ["v", "/cart.html"]);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(hub.Provider.GetRequiredService<LiveVisitors>().Now());
    }

    [Fact]
    public async Task AVisitorToken_ExpiresAfterItsLifetime_ForSignalsAndTheVisitorHub_AndIsRenewedPastHalfOfIt()
    {
        var visitor = await hub.NewVisitorAsync();
        Assert.Equal(visitor.VisitorId, (await AcceptedAsync(visitor.Token, "/", ["v", "/"])).VisitorId);

        clock.Advance(TimeSpan.FromDays(16)); // past half of the default 30 days: the same visitor gets a fresh token
        var renewed = await hub.NewVisitorAsync(visitor.Token);
        Assert.Equal(visitor.VisitorId, renewed.VisitorId);
        Assert.NotEqual(visitor.Token, renewed.Token);
        Assert.NotEqual(visitor.Token, (await AcceptedAsync(visitor.Token, "/")).Token);

        clock.Advance(TimeSpan.FromDays(15)); // the first token is 31 days old now; the renewed one 15
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignalsAsync(visitor.Token, "/")).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await new VisitorSession(hub, visitor.VisitorId, visitor.Token).ConnectAsync()).DisposeAsync());
        Assert.Equal(visitor.VisitorId, (await AcceptedAsync(renewed.Token, "/")).VisitorId);
        await (await new VisitorSession(hub, renewed.VisitorId, renewed.Token).ConnectAsync()).DisposeAsync();
    }

    /// <summary>The attack from the issue, replayed: one client pushing 149 s cart views (then it reached p60 = 149 s).</summary>
    [Fact]
    public async Task TheCartP60Attack_FromTheIssue_LeavesTheGreetingTimeWhereRealVisitorsPutIt()
    {
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        (await admin.Http.PostAsJsonAsync("/api/engagement/rules", new
        {
            name = "Cart p60", enabled = true, pages = "/cart*", threshold = 1,
            conditions = new object[] { new { kind = "Dwell", percentile = 60, value = 45 } },
            greeting = new Dictionary<string, string> { ["en"] = "Hi there!" },
        })).EnsureSuccessStatusCode();
        // Twenty real visitors spend 1..20 s on the cart (their views seen by the hub, the time really passing).
        var real = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            real.Add((await hub.NewVisitorAsync()).Token);
            await AcceptedAsync(real[^1], "/cart.html", ["v", "/cart.html"]);
        }
        clock.Advance(TimeSpan.FromSeconds(20));
        for (var i = 1; i <= 20; i++)
            await AcceptedAsync(real[i - 1], "/cart.html", ["e", "/cart.html", (double)i]);
        var before = await CartP60Async(admin);
        Assert.Equal(12, before);

        // One client: many tokens, views the hub never saw, views it saw a moment ago claimed at 149 s, the same view
        // reported again and again, absurd numbers, and one visitor viewing the cart 60 times, each claimed at 149 s.
        var attacker = (await hub.NewVisitorAsync()).Token;
        await AcceptedAsync(attacker, "/cart.html", [.. Enumerable.Range(0, 150).Select(_ => new object[] { "e", "/cart.html", 149.0 })]);
        for (var i = 0; i < 40; i++)
        {
            var token = (await hub.NewVisitorAsync()).Token;
            await AcceptedAsync(token, "/cart.html", ["v", "/cart.html"], ["e", "/cart.html", 149.0], ["e", "/cart.html", 149.0]);
            await AcceptedAsync(token, "/cart.html", ["v", "/cart.html"], ["e", "/cart.html", double.MaxValue], ["e", "/cart.html", -149.0]);
        }
        var patient = (await hub.NewVisitorAsync()).Token;
        for (var i = 0; i < 60; i++)
        {
            await AcceptedAsync(patient, "/cart.html", ["v", "/cart.html"]);
            clock.Advance(TimeSpan.FromSeconds(1));
            await AcceptedAsync(patient, "/cart.html", ["e", "/cart.html", 149.0]);
        }

        Assert.Equal(before, await CartP60Async(admin));
        var boot = (await hub.Http().GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/cart.html", TestJson.Options))!;
        Assert.Equal(before, Assert.Single(boot.Engage).After);
    }

    private static async Task<double?> CartP60Async(OperatorSession admin) =>
        (await admin.Http.GetFromJsonAsync<TimingDto>("/api/engagement/timing?pages=/cart*", TestJson.Options))!.TimeOnPage[60];
}
