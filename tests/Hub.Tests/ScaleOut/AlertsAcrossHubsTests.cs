using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Alerts;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Alerts;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// Alert fallbacks on two hubs sharing PostgreSQL, Redis and one fake clock: the visitor writes through hub A, which
/// routes and raises the Web Push alert; the operator's console (hidden) is on hub B. The Telegram fallback is sent
/// once — by B when A has gone, by whichever claims it first when both run.
/// </summary>
public sealed class AlertsAcrossHubsTests : IAsyncLifetime
{
    private const long TelegramChat = 4545;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly FakePushService push = new();
    private readonly FakeProvider telegram = FakeProviders.Telegram();
    private readonly HubCluster cluster;

    public AlertsAcrossHubsTests() => cluster = new HubCluster(clock);

    public Task InitializeAsync() => cluster.InitializeAsync();

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await push.DisposeAsync();
        await telegram.DisposeAsync();
    }

    private HubFactory Node() => cluster.Node(new Dictionary<string, string>
    {
        ["Routing:DefaultHandleTime"] = "00:00:01",
        ["Alerts:FallbackAfter"] = "00:00:05",
        ["OutboundUrls:AllowLoopback"] = "true",
        ["Channels:Telegram:BotToken"] = MessagingHub.BotToken,
        ["Channels:Telegram:Mode"] = "Webhook",
        ["Channels:Telegram:WebhookSecret"] = MessagingHub.TelegramSecret,
        ["Channels:Telegram:ApiBaseUrl"] = telegram.BaseAddress.ToString().TrimEnd('/'),
    });

    /// <summary>Push raised by A for an offer to the operator whose hidden console is on B.</summary>
    private async Task<(HubFactory A, HubFactory B, long ConversationId)> AlertRaisedOnAAsync()
    {
        var a = Node();
        var b = Node();
        var session = await b.LoginAsync(await b.CreateOperatorAsync("Tg"));
        (await session.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1 })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await session.Http.PostAsJsonAsync("/api/operators/me/push-subscriptions", push.Subscribe("Tg"))).StatusCode);
        (await session.Http.PutAsJsonAsync("/api/operators/me/alert-settings", new { telegramChatId = TelegramChat })).EnsureSuccessStatusCode();
        var console = await session.ConnectConsoleAsync();
        await console.Connection.InvokeAsync(nameof(ConsoleHub.SetVisibility), false);
        (await session.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        var widget = await (await a.NewVisitorAsync()).ConnectAsync();
        var ack = await widget.SendAsync("hello? anyone?");
        await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
        await push.WaitAsync(p => p.Subscription == "Tg");
        Assert.DoesNotContain(telegram.Calls, IsAlert);
        return (a, b, ack.ConversationId);
    }

    private static bool IsAlert(ProviderCall call) => call.Path == $"/bot{MessagingHub.BotToken}/sendMessage" && call.Body.Contains(TelegramChat.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<OperatorAlert> AlertAsync(HubFactory node, long conversationId)
    {
        await using var scope = node.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<OperatorAlert>().AsNoTracking().SingleAsync(x => x.ConversationId == conversationId);
    }

    [Fact]
    public async Task TheHubThatRaisedTheAlertIsGone_ItsFallbackIsSentOnceByTheOtherHub()
    {
        var (a, b, conversationId) = await AlertRaisedOnAAsync();
        await cluster.StopAsync(a);

        clock.Advance(TimeSpan.FromSeconds(5));

        await telegram.WaitAsync(IsAlert);
        var alert = await AlertAsync(b, conversationId);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null), (alert.Step, alert.FallbackAt, alert.ClosedAt));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(telegram.Calls, IsAlert);
    }

    [Fact]
    public async Task BothHubsRunning_TheFallbackIsSentOnce_AndAnAcknowledgementThroughEitherHubClosesIt()
    {
        var (a, b, conversationId) = await AlertRaisedOnAAsync();

        clock.Advance(TimeSpan.FromSeconds(5));

        await telegram.WaitAsync(IsAlert);
        var alert = await AlertAsync(a, conversationId);
        Assert.Equal((1, (DateTime?)null), (alert.Step, alert.FallbackAt));
        Assert.Single(telegram.Calls, IsAlert);
        Assert.Contains(b.Provider.GetRequiredService<AlertCoordinator>().Open(), x => x.Id == alert.Id);
        Assert.True(await b.Provider.GetRequiredService<AlertCoordinator>().AcknowledgeAsync(alert.Id, alert.OperatorId));
        Assert.DoesNotContain(a.Provider.GetRequiredService<AlertCoordinator>().Open(), x => x.Id == alert.Id);
    }

    [Theory]
    [InlineData(0, 2, true, false, false, 1, true)]
    [InlineData(0, 3, true, false, false, 1, true)]
    [InlineData(1, 2, true, false, true, 1, false)]
    [InlineData(0, 2, false, false, true, 0, false)]
    [InlineData(0, 2, true, true, true, 0, false)]
    public void AtTheFallbackTime_TheNextMeansTakesOver_UnlessNobodyNeedsTheAlert(int step, int means, bool stillNeeded, bool onScreen, bool close, int nextStep, bool hasFallback)
    {
        var now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var move = AlertLadder.AtFallback(step, means, stillNeeded, onScreen, now, TimeSpan.FromSeconds(5));
        Assert.Equal(close, move.Close);
        Assert.Equal(nextStep, move.Step);
        Assert.Equal(hasFallback && nextStep + 1 < means, move.FallbackAt is not null);
    }
}
