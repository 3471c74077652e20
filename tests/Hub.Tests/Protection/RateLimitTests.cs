using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

/// <summary>Quotas on the anonymous surfaces and on login, with small limits so each is reached in a few calls.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync()
    {
        hub.Settings["RateLimits:Enabled"] = "true";
        hub.Settings["RateLimits:VisitorSessions:Permits"] = "3";
        hub.Settings["RateLimits:VisitorSessions:Window"] = "01:00:00";
        hub.Settings["RateLimits:Signals:Permits"] = "2";
        hub.Settings["RateLimits:Signals:Window"] = "01:00:00";
        hub.Settings["RateLimits:LoginPerIp:Permits"] = "12";
        hub.Settings["RateLimits:LoginPerIp:Window"] = "01:00:00";
        hub.Settings["RateLimits:LoginFreeFailures"] = "2";
        hub.Settings["RateLimits:LoginFirstBackoff"] = "00:10:00";
        hub.Settings["RateLimits:WidgetSendsPerVisitor:Permits"] = "2";
        hub.Settings["RateLimits:WidgetSendsPerVisitor:Window"] = "01:00:00";
        hub.Settings["RateLimits:NewChatsPerIp:Permits"] = "1";
        hub.Settings["RateLimits:NewChatsPerIp:Window"] = "01:00:00";
        hub.Settings["RateLimits:ConnectionsPerIp"] = "3";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":429", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VisitorSessions_BeyondTheQuota_Are429WithRetryAfter_WhileTheWidgetConfigStillAnswers()
    {
        var http = hub.Http();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null })).StatusCode);

        await AssertTooManyAsync(await http.PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null }));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/widget/config")).StatusCode);
    }

    [Fact]
    public async Task Signals_BeyondTheQuota_Are429()
    {
        var http = hub.Http();
        var token = (await hub.NewVisitorAsync()).Token;
        HttpResponseMessage Post() => http.PostAsync("/api/widget/signals", new StringContent($$"""{"token":"{{token}}","path":"/"}""", Encoding.UTF8, "text/plain")).Result;
        Assert.Equal(HttpStatusCode.OK, Post().StatusCode);
        Assert.Equal(HttpStatusCode.OK, Post().StatusCode);
        await AssertTooManyAsync(Post());
    }

    [Fact]
    public async Task Login_AnAccountBackingOff_Is429_TheSameForAnUnknownEmail_AndOtherAccountsStillLogIn()
    {
        var victim = await hub.CreateOperatorAsync("Victim");
        var other = await hub.CreateOperatorAsync("Other");
        var http = hub.Http();
        async Task<HttpResponseMessage> Try(string email, string password) => await http.PostAsJsonAsync("/api/auth/login", new { email, password });

        var known = new List<HttpStatusCode>();
        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            known.Add((await Try(victim.Email, "wrong-password")).StatusCode);
            unknown.Add((await Try("nobody-" + victim.Email, "wrong-password")).StatusCode);
        }

        // No enumeration: an existing and a made-up account get the same answers.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], known);
        Assert.Equal(known, unknown);
        var blocked = await Try(victim.Email, "correct-horse-battery");
        await AssertTooManyAsync(blocked);
        Assert.Equal(HttpStatusCode.OK, (await Try(other.Email, "correct-horse-battery")).StatusCode);
    }

    [Fact]
    public async Task Login_PerAddress_BeyondTheQuota_Is429()
    {
        var http = hub.Http();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 13; i++)
            statuses.Add((await http.PostAsJsonAsync("/api/auth/login", new { email = $"probe{i}@x.test", password = "p" })).StatusCode);
        Assert.All(statuses.Take(12), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[12]);
    }

    [Fact]
    public async Task WidgetSends_PerVisitorAndNewChatsPerAddress_AreRefusedWithAReason_OthersUnaffected()
    {
        await hub.OperatorOnDutyAsync();
        var first = await (await hub.NewVisitorAsync()).ConnectAsync();
        await using var _ = first;
        await first.SendAsync("one");
        await first.SendAsync("two");
        var tooQuick = await Assert.ThrowsAsync<HubException>(() => first.SendAsync("three"));
        Assert.Contains("too quickly", tooQuick.Message);

        var second = await (await hub.NewVisitorAsync()).ConnectAsync();
        await using var __ = second;
        var tooMany = await Assert.ThrowsAsync<HubException>(() => second.SendAsync("a new chat"));
        Assert.Contains("new chats", tooMany.Message);
    }

    [Fact]
    public async Task WidgetConnections_PerAddress_BeyondTheQuota_Are429()
    {
        var http = hub.Http();
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            var stream = await http.GetAsync("/api/widget/state/stream", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            open.Add(stream);
        }

        await AssertTooManyAsync(await http.GetAsync("/api/widget/state/stream", HttpCompletionOption.ResponseHeadersRead));
        open.ForEach(s => s.Dispose());
    }
}
