using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>Offers, declines, timeouts and the ladder against the real hub, with the routing clock faked.</summary>
public sealed class RoutingFlowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public RoutingFlowTests()
    {
        hub = new HubFactory { Time = clock };
        // Short handling times keep live chat offered while a queue forms (predicted wait within 30 s).
        hub.Settings["Routing:DefaultHandleTime"] = "00:00:01";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<(OperatorSession Session, ConsoleListener Console)> OnlineAsync(string name, int liveCapacity, string role = Roles.Operator)
    {
        var session = await hub.LoginAsync(await hub.CreateOperatorAsync(name, role));
        (await session.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity })).EnsureSuccessStatusCode();
        var console = await session.ConnectConsoleAsync();
        return (session, console);
    }

    private async Task<VisitorAck> NewChatAsync(string text)
    {
        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        return await widget.SendAsync(text);
    }

    /// <summary>Ada is at capacity (one chat accepted); Bo and Cy are free.</summary>
    private async Task<(OperatorSession Ada, ConsoleListener AdaConsole, OperatorSession Bo, ConsoleListener BoConsole, OperatorSession Cy, ConsoleListener CyConsole)> AdaBusyBoAndCyFreeAsync()
    {
        var (ada, adaConsole) = await OnlineAsync("Ada", liveCapacity: 1);
        var first = await NewChatAsync("first customer");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var (bo, boConsole) = await OnlineAsync("Bo", liveCapacity: 2);
        var (cy, cyConsole) = await OnlineAsync("Cy", liveCapacity: 2);
        return (ada, adaConsole, bo, boConsole, cy, cyConsole);
    }

    [Fact]
    public async Task Offer_GoesToTheFreeOperator_AndDecliningMovesItToTheNext()
    {
        var (_, adaConsole, bo, boConsole, _, cyConsole) = await AdaBusyBoAndCyFreeAsync();

        var chat = await NewChatAsync("second customer");
        var toBo = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await bo.Http.PostAsync($"/api/offers/{toBo.Id}/decline", null)).EnsureSuccessStatusCode();
        var toCy = await cyConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);

        Assert.Equal("second customer", toBo.Preview);
        Assert.NotEqual(toBo.Id, toCy.Id);
        Assert.DoesNotContain(adaConsole.Offers.Seen, o => o.ConversationId == chat.ConversationId);
        var again = await bo.Http.PostAsync($"/api/offers/{toBo.Id}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task UnansweredOffer_TimesOutToTheNext_ThenEveryoneAt20s_ThenSupervisorsAt25s()
    {
        var (_, _, _, boConsole, cy, cyConsole) = await AdaBusyBoAndCyFreeAsync();
        var (_, supervisorConsole) = await OnlineAsync("Sue", liveCapacity: 0, Roles.Supervisor);

        var chat = await NewChatAsync("anyone there?");
        var toBo = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        clock.Advance(TimeSpan.FromSeconds(10));
        await boConsole.Withdrawn.WaitAsync(o => o.Id == toBo.Id);
        var toCy = await cyConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId && !o.Broadcast);
        clock.Advance(TimeSpan.FromSeconds(10));
        var boAgain = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId && o.Broadcast);
        var cyAgain = await cyConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId && o.Broadcast);
        clock.Advance(TimeSpan.FromSeconds(5));
        var alert = await supervisorConsole.Alerts.WaitAsync(a => a.ConversationId == chat.ConversationId);

        (await cy.Http.PostAsync($"/api/offers/{cyAgain.Id}/accept", null)).EnsureSuccessStatusCode();
        await boConsole.Withdrawn.WaitAsync(o => o.Id == boAgain.Id);
        var timeline = await cy.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{chat.ConversationId}/timeline", TestJson.Options);
        Assert.Equal(
            [TimelineKind.Offered, TimelineKind.OfferExpired, TimelineKind.Offered, TimelineKind.OfferExpired, TimelineKind.Broadcast, TimelineKind.Broadcast, TimelineKind.SupervisorsAlerted, TimelineKind.Accepted],
            timeline!.Select(t => t.Kind));
        Assert.NotEqual(toBo.Id, toCy.Id);
        Assert.Contains("25 s", alert.Reason);
    }

    [Fact]
    public async Task WidgetState_FlipsToBusyWhenCapacityIsUsed_AndBackWhenFreed()
    {
        hub.Settings["Routing:DefaultHandleTime"] = "00:03:00";
        var (ada, adaConsole) = await OnlineAsync("Ada", liveCapacity: 1);
        var watcher = await (await hub.NewVisitorAsync()).ConnectAsync();
        Assert.Equal(WidgetAvailability.Available, (await watcher.Connection.InvokeAsync<WidgetState>("State", CancellationToken.None)).State);

        var chat = await NewChatAsync("I need help");
        var busy = await watcher.States.WaitAsync(s => s.State == WidgetAvailability.Busy);
        var refused = await Assert.ThrowsAsync<HubException>(() => watcher.SendAsync("me too"));

        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        (await ada.Http.PostAsync($"/api/conversations/{chat.ConversationId}/close", null)).EnsureSuccessStatusCode();
        // Issue 15: a busy widget holds its minimum spell (5 s) even when a slot frees, so it does not flap with every close.
        clock.Advance(TimeSpan.FromSeconds(5));
        await watcher.States.WaitAsync(s => s.State == WidgetAvailability.Available && s.PredictedWaitSeconds <= 30);

        Assert.True(busy.PredictedWaitSeconds > 30);
        Assert.Contains("helping other customers", refused.Message);
        Assert.Equal(WidgetAvailability.Available, (await hub.Http().GetFromJsonAsync<WidgetState>("/api/widget/state", TestJson.Options))!.State);
    }

    [Fact]
    public async Task OperatorGoingOffline_HasTheirConversationsRerouted_AfterTheGracePeriod()
    {
        var (ada, adaConsole) = await OnlineAsync("Ada", liveCapacity: 2);
        var chat = await NewChatAsync("hello");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var (_, boConsole) = await OnlineAsync("Bo", liveCapacity: 2);

        await adaConsole.Connection.StopAsync();
        var presence = hub.Provider.GetRequiredService<PresenceTracker>();
        await Eventually.TrueAsync(() => !presence.IsConnected(ada.Operator.Id), "the hub has seen Ada's console disconnect");
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(boConsole.Offers.Seen, o => o.ConversationId == chat.ConversationId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var rerouted = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);

        Assert.Equal(chat.ConversationId, rerouted.ConversationId);
        var me = await ada.Http.GetFromJsonAsync<OperatorDto>("/api/auth/me", TestJson.Options);
        Assert.Equal(Presence.Offline, me!.Presence);
    }

    [Fact]
    public async Task ClosingAConversation_OffersTheHeadOfTheQueueAtOnce()
    {
        var (ada, adaConsole) = await OnlineAsync("Ada", liveCapacity: 1);
        var first = await NewChatAsync("first");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var queued = await NewChatAsync("waiting in the queue");
        var waiting = await ada.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=waiting", TestJson.Options);
        Assert.Contains(waiting!, c => c.Id == queued.ConversationId);
        Assert.DoesNotContain(adaConsole.Offers.Seen, o => o.ConversationId == queued.ConversationId);

        (await ada.Http.PostAsync($"/api/conversations/{first.ConversationId}/close", null)).EnsureSuccessStatusCode();

        await adaConsole.Offers.WaitAsync(o => o.ConversationId == queued.ConversationId);
    }

    [Fact]
    public async Task RaisingCapacity_OffersTheHeadOfTheQueueAtOnce()
    {
        var (ada, adaConsole) = await OnlineAsync("Ada", liveCapacity: 1);
        var first = await NewChatAsync("first");
        await adaConsole.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        var queued = await NewChatAsync("second");

        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 2 })).EnsureSuccessStatusCode();

        await adaConsole.Offers.WaitAsync(o => o.ConversationId == queued.ConversationId);
    }

    [Fact]
    public async Task OperatorSettings_AreValidated_AndReturnedWithTheOperator()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var bad = await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 99 });
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 4, asyncCapacity = 12, autoAccept = true, skills = new[] { " NB ", "en" } })).EnsureSuccessStatusCode();

        var me = await ada.Http.GetFromJsonAsync<OperatorDto>("/api/auth/me", TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal((4, 12, true), (me!.LiveCapacity, me.AsyncCapacity, me.AutoAccept));
        Assert.Equal(["nb", "en"], me.Skills);
    }
}
