using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Alerts;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Alerts;

/// <summary>
/// Off-screen alerts against the real hub: Web Push to a fake push service on loopback (VAPID and aes128gcm checked,
/// payload decrypted), fallback to the fake Telegram Bot API, the routing and alert clocks faked.
/// </summary>
public sealed class AlertTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly FakePushService push = new();
    private readonly FakeProvider telegram = FakeProviders.Telegram();
    private readonly HubFactory hub;

    public AlertTests()
    {
        hub = new HubFactory { Time = clock };
        hub.Settings["Routing:DefaultHandleTime"] = "00:00:01";
        hub.Settings["Alerts:FallbackAfter"] = "00:00:05";
        // The fake push service is on loopback over http: allowed only by this test-rig switch (issue 16).
        hub.Settings["OutboundUrls:AllowLoopback"] = "true";
        hub.Settings["Channels:Telegram:BotToken"] = MessagingHub.BotToken;
        hub.Settings["Channels:Telegram:Mode"] = "Webhook";
        hub.Settings["Channels:Telegram:WebhookSecret"] = MessagingHub.TelegramSecret;
        hub.Settings["Channels:Telegram:ApiBaseUrl"] = telegram.BaseAddress.ToString().TrimEnd('/');
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await hub.DisposeAsync();
        await push.DisposeAsync();
        await telegram.DisposeAsync();
    }

    private async Task<(OperatorSession Session, ConsoleListener Console)> OnlineAsync(string name, bool onScreen, long? telegramChat = null)
    {
        var session = await hub.LoginAsync(await hub.CreateOperatorAsync(name));
        (await session.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1 })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", push.Subscribe(name))).StatusCode);
        if (telegramChat is { } chat)
            (await session.Http.PutAsJsonAsync("/api/operators/me/alert-settings", new { telegramChatId = chat })).EnsureSuccessStatusCode();
        var console = await session.ConnectConsoleAsync();
        await console.Connection.InvokeAsync(nameof(ConsoleHub.SetVisibility), onScreen);
        return (session, console);
    }

    private async Task<VisitorAck> NewChatAsync(string text)
    {
        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        return await widget.SendAsync(text);
    }

    private IReadOnlyList<OpenAlert> OpenAlerts() => hub.Provider.GetRequiredService<AlertCoordinator>().Open();

    [Fact]
    public async Task OfferToAHiddenConsole_IsPushedWithVapidAndAes128gcm_ButNotToAVisibleOne()
    {
        var (vis, visConsole) = await OnlineAsync("Vis", onScreen: true);
        var (hid, hidConsole) = await OnlineAsync("Hid", onScreen: false);

        var first = await NewChatAsync("first customer");
        var toVis = await visConsole.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        Assert.DoesNotContain(OpenAlerts(), a => a.OperatorId == vis.Operator.Id);
        (await vis.Http.PostAsync($"/api/offers/{toVis.Id}/accept", null)).EnsureSuccessStatusCode();

        var second = await NewChatAsync("anyone there? my order is late");
        var toHid = await hidConsole.Offers.WaitAsync(o => o.ConversationId == second.ConversationId);
        var received = await push.WaitAsync(p => p.Subscription == "Hid");

        var vapid = await hub.Http().GetFromJsonAsync<VapidPublicKeyDto>("/api/push/vapid-public-key", TestJson.Options);
        Assert.Equal(vapid!.PublicKey, received.VapidKey);
        Assert.Equal(65, WebEncoders.Base64UrlDecode(vapid.PublicKey).Length);
        Assert.StartsWith("mailto:", received.Jwt.GetProperty("sub").GetString());
        Assert.Equal("aes128gcm", received.Headers["Content-Encoding"]);
        Assert.Equal("high", received.Headers["Urgency"]);
        var payload = received.Json;
        Assert.Equal("offer", payload.GetProperty("kind").GetString());
        Assert.Equal(second.ConversationId, payload.GetProperty("conversationId").GetInt64());
        Assert.Equal(toHid.Id, payload.GetProperty("offerId").GetInt64());
        Assert.Equal($"/api/alerts/{payload.GetProperty("alertId").GetInt64()}/ack", payload.GetProperty("ackUrl").GetString());
        Assert.Empty(push.Rejections);
        Assert.DoesNotContain(push.Received, p => p.Subscription == "Vis");

        // Accepting the offer settles the alert.
        (await hid.Http.PostAsync($"/api/offers/{toHid.Id}/accept", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => OpenAlerts().Count == 0, "the alert is settled");
    }

    [Fact]
    public async Task UnacknowledgedPush_FallsBackToTelegram_AfterTheConfiguredTime()
    {
        var (_, console) = await OnlineAsync("Tg", onScreen: false, telegramChat: 4242);

        var chat = await NewChatAsync("hello? is anyone there");
        await console.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        await push.WaitAsync(p => p.Subscription == "Tg");
        Assert.DoesNotContain(telegram.Calls, c => c.Path.EndsWith("/sendMessage", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(5));

        var call = await telegram.WaitAsync(c => c.Path == $"/bot{MessagingHub.BotToken}/sendMessage");
        var sent = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(4242, sent.GetProperty("chat_id").GetInt64());
        Assert.Contains("web chat", sent.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AcknowledgedPush_DoesNotFallBack()
    {
        var (tg, console) = await OnlineAsync("Ack", onScreen: false, telegramChat: 4343);

        var chat = await NewChatAsync("hi there");
        await console.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        var received = await push.WaitAsync(p => p.Subscription == "Ack");
        Assert.Equal(HttpStatusCode.NoContent, (await tg.Http.PostAsync(received.Json.GetProperty("ackUrl").GetString(), null)).StatusCode);
        Assert.Empty(OpenAlerts());

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(OpenAlerts());
        Assert.DoesNotContain(telegram.Calls, c => c.Path.EndsWith("/sendMessage", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await tg.Http.PostAsync(received.Json.GetProperty("ackUrl").GetString(), null)).StatusCode);
    }

    [Fact]
    public async Task PushSubscriptions_AreRegisteredValidatedAndRemoved_AndTheVapidKeyIsKept()
    {
        var session = await hub.LoginAsync(await hub.CreateOperatorAsync("Sub"));
        var subscription = push.Subscribe("Sub");

        Assert.Equal(HttpStatusCode.BadRequest, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions",
            new { endpoint = push.Endpoint("Sub"), keys = new { p256dh = "bm90LWEta2V5", auth = "c2hvcnQ" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions",
            new { endpoint = "http://push.example.com/x", keys = new { p256dh = "x", auth = "y" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Http().PostAsJsonAsync("/api/operators/me/push-subscriptions", subscription)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", subscription)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", subscription)).StatusCode);
        var settings = await session.Http.GetFromJsonAsync<AlertSettingsDto>("/api/operators/me/alert-settings", TestJson.Options);
        Assert.Equal(1, settings!.PushSubscriptions);
        Assert.True(settings.TelegramAvailable);

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/operators/me/push-subscriptions") { Content = JsonContent.Create(subscription) };
        Assert.Equal(HttpStatusCode.NoContent, (await session.Http.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Http.DeleteAsync($"/api/operators/me/push-subscriptions?endpoint={Uri.EscapeDataString(push.Endpoint("Sub"))}")).StatusCode);

        var key = await hub.Http().GetFromJsonAsync<VapidPublicKeyDto>("/api/push/vapid-public-key", TestJson.Options);
        var stored = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(hub.DataDirectory, "keys", "vapid.json"))).RootElement;
        Assert.Equal(key!.PublicKey, stored.GetProperty("PublicKey").GetString());
    }
}
