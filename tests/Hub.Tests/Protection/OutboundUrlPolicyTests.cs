using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Alerts;
using Omnichannel.Hub.Protection;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

/// <summary>SSRF: Web Push endpoints (given by browsers) never make the hub call loopback, private or link-local addresses.</summary>
public sealed class OutboundUrlPolicyTests
{
    private static readonly object Keys = new
    {
        p256dh = Convert.ToBase64String([0x04, .. new byte[64]]).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        auth = Convert.ToBase64String(new byte[16]).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    };

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("142.250.74.106", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void OnlyGloballyRoutableAddresses_ArePublic(string address, bool isPublic) =>
        Assert.Equal(isPublic, OutboundUrlPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:9/push")]
    [InlineData("https://10.0.0.5/push")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/push")]
    [InlineData("https://[fd00::1]/push")]
    [InlineData("https://localhost/push")]
    [InlineData("https://evil.example/push")]
    [InlineData("http://fcm.googleapis.com/fcm/send/x")]
    public async Task Subscribing_APrivateOrUnknownEndpoint_Is400(string endpoint)
    {
        using var hub = new HubFactory();
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));

        var response = await op.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", new { endpoint, keys = Keys });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Subscribing_AKnownPushService_IsAccepted()
    {
        using var hub = new HubFactory();
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));

        var response = await op.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", new { endpoint = "https://fcm.googleapis.com/fcm/send/abc", keys = Keys });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AnAllowedNameThatResolvesToLoopback_IsNeverConnectedTo()
    {
        // "localhost" stands for any DNS name that resolves (or re-binds) to a private address.
        await using var target = new FakeProvider { Respond = _ => Task.FromResult(new ProviderAnswer(201, "{}")) };
        using var hub = new HubFactory();
        hub.Settings["OutboundUrls:PushServiceHosts:0"] = "localhost";
        var client = hub.Provider.GetRequiredService<IHttpClientFactory>().CreateClient(WebPushMeans.HttpClientName);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://localhost:{target.BaseAddress.Port}/push", new StringContent("x")));

        Assert.Contains("outbound URL policy", refused.Message);
        Assert.Empty(target.Calls);
    }
}
