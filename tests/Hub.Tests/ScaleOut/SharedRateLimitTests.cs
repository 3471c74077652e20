using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Protection;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// Rate limits on two hubs: with one Redis they count against the same window (an attacker gains nothing by spreading
/// requests over the nodes), without Redis each process counts its own.
/// </summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Quotas = new()
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:VisitorSessions:Permits"] = "3",
        ["RateLimits:VisitorSessions:Window"] = "01:00:00",
        ["RateLimits:LoginFreeFailures"] = "2",
        ["RateLimits:LoginFirstBackoff"] = "00:10:00",
        ["RateLimits:WidgetSendsPerVisitor:Permits"] = "2",
        ["RateLimits:WidgetSendsPerVisitor:Window"] = "01:00:00",
    };

    private readonly HubCluster cluster = new();

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    /// <summary>A node of one cluster (PostgreSQL, keys and Redis shared), or a lone process of its own.</summary>
    private HubFactory Node(bool withRedis = true) => withRedis ? cluster.Node(Quotas) : cluster.Lone(Quotas);

    private static Task<HttpResponseMessage> NewSessionAsync(HubFactory node) =>
        node.Http().PostAsJsonAsync("/api/widget/visitor", new { token = (string?)null });

    [Fact]
    public async Task WithRedis_VisitorSessionsOnTwoHubs_CountAgainstOneWindow_TheFourthOnEitherIs429WithRetryAfter()
    {
        var a = Node();
        var b = Node();

        foreach (var node in new[] { a, b, a })
            Assert.Equal(HttpStatusCode.OK, (await NewSessionAsync(node)).StatusCode);

        var refused = await NewSessionAsync(b);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":429", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await NewSessionAsync(a)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Http().GetAsync("/api/widget/config")).StatusCode);
    }

    [Fact]
    public async Task WithoutRedis_EachHubCountsItsOwnWindow()
    {
        var a = Node(withRedis: false);
        var b = Node(withRedis: false);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await NewSessionAsync(a)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await NewSessionAsync(b)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await NewSessionAsync(a)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await NewSessionAsync(b)).StatusCode);
    }

    [Fact]
    public async Task WithRedis_AnAccountBackingOffAfterFailuresOnOneHub_IsBackingOffOnTheOther_OthersStillLogIn()
    {
        var a = Node();
        var b = Node();
        var victim = await a.CreateOperatorAsync("Victim");
        var other = await a.CreateOperatorAsync("Other");
        Task<HttpResponseMessage> Login(HubFactory node, string email, string password) => node.Http().PostAsJsonAsync("/api/auth/login", new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(a, victim.Email, "wrong-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(b, victim.Email, "wrong-password")).StatusCode);

        var blocked = await Login(a, victim.Email, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(int.Parse(blocked.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Login(b, victim.Email, "correct-horse-battery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login(b, other.Email, "correct-horse-battery")).StatusCode);
    }

    [Fact]
    public async Task WithRedis_AVisitorSendingThroughBothHubs_IsToldToSlowDownAtTheSharedQuota()
    {
        var a = Node();
        var b = Node();
        await b.OperatorOnDutyAsync();
        var visitor = await a.NewVisitorAsync();
        await using var onA = await visitor.ConnectAsync();
        await using var onB = await (visitor with { Hub = b }).ConnectAsync();

        await onA.SendAsync("one");
        await onB.SendAsync("two");

        var tooQuick = await Assert.ThrowsAsync<HubException>(() => onA.SendAsync("three"));
        Assert.Contains("too quickly", tooQuick.Message);
        Assert.Contains("too quickly", (await Assert.ThrowsAsync<HubException>(() => onB.SendAsync("four"))).Message);
    }

    [Fact]
    public void AHitIsAllowedUpToThePermits_ThenRefusedUntilTheWindowEnds()
    {
        Assert.Equal(new WindowHit(true, TimeSpan.FromSeconds(30)), WindowHit.Decide(3, 3, TimeSpan.FromSeconds(30)));
        Assert.Equal(new WindowHit(false, TimeSpan.FromSeconds(30)), WindowHit.Decide(4, 3, TimeSpan.FromSeconds(30)));
        Assert.Equal(new WindowHit(false, TimeSpan.FromSeconds(1)), WindowHit.Decide(2, 0, TimeSpan.Zero));
    }
}
