using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>While a visitor waits for the first answer the widget can say where they stand: place, predicted wait, who answers, slipping.</summary>
public sealed class VisitorWaitTests : IAsyncLifetime
{
    private static readonly TimeSpan Accept = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public VisitorWaitTests()
    {
        hub = new HubFactory { Time = clock };
        hub.Settings["Routing:DefaultHandleTime"] = "00:00:10";
        // The queue is what this test is about: the availability gate (issue 15) must let a second chat queue behind one busy slot.
        hub.Settings["Availability:Target"] = "0.5";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Theory]
    [InlineData(1, 2, 1, 0, 0, 5, false)] // a free slot: just the time to accept
    [InlineData(1, 2, 0, 0, 0, 95, true)] // none free: half a handle time (2 slots) — more than the promise
    [InlineData(0, 2, 0, 0, 0, 5, false)] // offered to someone already
    public void TheWaitFromAPlaceInTheQueue(int position, int total, int free, int queued, int waited, int expectedSeconds, bool slipping)
    {
        var (predicted, isSlipping) = VisitorWaitRules.Evaluate(position, new LiveCapacity(total, free, queued), TimeSpan.FromMinutes(3), Accept, Promise, TimeSpan.FromSeconds(waited));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), predicted);
        Assert.Equal(slipping, isSlipping);
    }

    [Fact]
    public void NobodyToAnswer_IsSlipping() => Assert.True(VisitorWaitRules.Evaluate(1, new LiveCapacity(0, 0, 0), TimeSpan.FromMinutes(3), Accept, Promise, TimeSpan.Zero).Slipping);

    [Fact]
    public async Task VisitorsLearnTheirPlace_WhoAnswers_AndWhenThePromiseSlips()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1 })).EnsureSuccessStatusCode();
        await using var console = await ada.ConnectConsoleAsync();
        (await ada.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        await using var first = await (await hub.NewVisitorAsync()).ConnectAsync();
        var pushed = new Inbox<VisitorWaitDto>();
        first.Connection.On<VisitorWaitDto>("WaitChanged", pushed.Add);
        var firstAck = await first.SendAsync("first");
        var offer = await console.Offers.WaitAsync(o => o.ConversationId == firstAck.ConversationId);
        // Routing offered it: the visitor is told who will answer without asking.
        Assert.Equal(firstAck.ConversationId, (await pushed.WaitAsync(w => w.Operator == "Ada")).ConversationId);
        var offered = await first.Connection.InvokeAsync<VisitorWaitDto?>("Waiting");
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();

        await using var second = await (await hub.NewVisitorAsync()).ConnectAsync();
        var secondAck = await second.SendAsync("second");
        var queued = await second.Connection.InvokeAsync<VisitorWaitDto?>("Waiting");
        clock.Advance(TimeSpan.FromSeconds(25));
        var later = await second.Connection.InvokeAsync<VisitorWaitDto?>("Waiting");
        await using var nobody = await (await hub.NewVisitorAsync()).ConnectAsync();

        Assert.Equal(0, offered!.Position);
        Assert.Equal("Ada", offered.Operator);
        Assert.Equal(secondAck.ConversationId, queued!.ConversationId);
        Assert.Equal(1, queued.Position);
        Assert.Null(queued.Operator);
        Assert.Equal(15, queued.PredictedWaitSeconds); // accept 5 s + one 10 s handle time on Ada's one slot
        Assert.Equal(30, queued.PromiseSeconds);
        Assert.False(queued.Slipping);
        Assert.True(later!.Slipping); // 25 s waited + 15 s predicted > 30 s
        Assert.Null(await nobody.Connection.InvokeAsync<VisitorWaitDto?>("Waiting"));
    }
}
