using System.Net;
using System.Net.WebSockets;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>The widget's surface answers CORS for the listed shops only; the console and operator API never answer CORS.</summary>
public sealed class WidgetCorsTests : IAsyncLifetime
{
    private const string Shop = "https://shop.example";
    private const string Stranger = "https://evil.example";
    private readonly HubFactory hub = new();

    public Task InitializeAsync()
    {
        hub.Settings["Widget:AllowedOrigins:0"] = Shop + "/";
        hub.Settings["Widget:AllowedOrigins:1"] = "https://other-shop.example";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private static HttpRequestMessage Preflight(string path, string origin, string method = "POST", string headers = "content-type") => new(HttpMethod.Options, path)
    {
        Headers = { { "Origin", origin }, { "Access-Control-Request-Method", method }, { "Access-Control-Request-Headers", headers } },
    };

    private static string? AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Theory]
    [InlineData("/api/widget/visitor", "POST", "content-type")]
    [InlineData("/api/widget/config", "GET", "")]
    [InlineData("/api/widget/bootstrap?path=/", "GET", "")]
    [InlineData("/api/widget/conversations/1/csat", "POST", "authorization,content-type")]
    [InlineData("/hubs/visitor/negotiate?negotiateVersion=1", "POST", "authorization,x-requested-with,x-signalr-user-agent")]
    public async Task PreflightFromAListedShop_IsAllowed_WithoutCredentials(string path, string method, string headers)
    {
        var response = await hub.Http().SendAsync(Preflight(path, Shop, method, headers));

        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(Shop, AllowOrigin(response));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task NegotiateFromAListedShop_Succeeds_WithCorsHeaders()
    {
        var visitor = await hub.NewVisitorAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/visitor/negotiate?negotiateVersion=1") { Headers = { { "Origin", Shop } } };
        request.Headers.Authorization = new("Bearer", visitor.Token);

        var response = await hub.Http().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Shop, AllowOrigin(response));
        Assert.Contains("WebSockets", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/widget/visitor")]
    [InlineData("/hubs/visitor/negotiate?negotiateVersion=1")]
    public async Task PreflightAndCallsFromAnUnlistedOrigin_AreRefused(string path)
    {
        var preflight = await hub.Http().SendAsync(Preflight(path, Stranger));
        var call = await hub.Http().SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Headers = { { "Origin", Stranger } },
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.Null(AllowOrigin(preflight));
        Assert.Equal(HttpStatusCode.Forbidden, call.StatusCode);
        Assert.Null(AllowOrigin(call));
        Assert.Equal("application/problem+json", call.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Widget:AllowedOrigins", await call.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebSocketFromAnUnlistedOrigin_IsRefused_FromAListedShop_IsAccepted()
    {
        var visitor = await hub.NewVisitorAsync();
        var url = new UriBuilder(hub.BaseAddress) { Scheme = "ws", Path = "/hubs/visitor", Query = "access_token=" + Uri.EscapeDataString(visitor.Token) }.Uri;

        using var stranger = new ClientWebSocket();
        stranger.Options.SetRequestHeader("Origin", Stranger);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => stranger.ConnectAsync(url, CancellationToken.None));

        using var shop = new ClientWebSocket();
        shop.Options.SetRequestHeader("Origin", Shop);
        await shop.ConnectAsync(url, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, shop.State);
        Assert.Contains("403", refused.Message);
    }

    [Theory]
    [InlineData("/api/auth/login", "POST")]
    [InlineData("/api/conversations", "GET")]
    [InlineData("/api/operators/me/presence", "PUT")]
    [InlineData("/hubs/console/negotiate?negotiateVersion=1", "POST")]
    public async Task TheConsoleAndOperatorApi_AnswerNoCorsAtAll_EvenToAListedShop(string path, string method)
    {
        var preflight = await hub.Http().SendAsync(Preflight(path, Shop, method, "authorization,content-type"));
        var call = await hub.Http().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Headers = { { "Origin", Shop } } });

        Assert.Null(AllowOrigin(preflight));
        Assert.Null(AllowOrigin(call));
        Assert.False(preflight.IsSuccessStatusCode);
    }

    [Fact]
    public async Task AnyOrigin_WhenTheOwnerAllowsStar_ForTheWidgetOnly()
    {
        await using var open = new HubFactory();
        open.Settings["Widget:AllowedOrigins:0"] = "*";

        var widget = await open.Http().SendAsync(Preflight("/api/widget/visitor", Stranger));
        var console = await open.Http().SendAsync(Preflight("/api/auth/login", Stranger));

        Assert.Equal("*", AllowOrigin(widget));
        Assert.Null(AllowOrigin(console));
    }
}
