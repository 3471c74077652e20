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

    private static readonly AvailabilityOptions Gate = new();
    private static readonly HandleTimeEstimate ThreeMinutes = HandleTimeEstimate.From(TimeSpan.FromMinutes(3), Gate.PriorWeight, []);

    // The predicted wait is the availability gate's model (issue 18: one model): the visitor at place p has p − 1 chats
    // before them; once the free slots are taken they wait for (p − free) of the busy slots to finish, answered within
    // the gate's target quantile. The expected figures are computed here from those inputs, not copied from the code.
    [Theory]
    [InlineData(1, 2, 1, 0, false)] // a free slot: just the time to accept
    [InlineData(1, 2, 0, 0, true)] // none free: one of two three-minute slots must finish — more than the promise
    [InlineData(2, 4, 2, 0, false)] // one before, two free slots: a free one is left
    [InlineData(3, 4, 2, 0, true)] // two before take the two free slots: the third waits for one of four busy slots
    public void TheWaitFromAPlaceInTheQueue(int position, int total, int free, int waited, bool slipping)
    {
        var (predicted, isSlipping) = VisitorWaitRules.Evaluate(position, new LiveCapacity(total, free, 0), ThreeMinutes, Accept, Promise, TimeSpan.FromSeconds(waited), Gate);

        var behindFreeSlots = position - free;
        var expected = Accept + (behindFreeSlots <= 0 ? TimeSpan.Zero : AvailabilityGate.WaitQuantile(behindFreeSlots, total, ThreeMinutes, Gate.Target));
        Assert.Equal(expected, predicted);
        Assert.Equal(slipping, isSlipping);
    }

    [Fact]
    public void OfferedToSomeoneAlready_WaitsOnlyForTheAccept() =>
        Assert.Equal((Accept, false), VisitorWaitRules.Evaluate(0, new LiveCapacity(2, 0, 5), ThreeMinutes, Accept, Promise, TimeSpan.Zero, Gate));

    [Fact]
    public void FurtherBack_WaitsLonger() =>
        Assert.True(VisitorWaitRules.Evaluate(5, new LiveCapacity(4, 0, 9), ThreeMinutes, Accept, Promise, TimeSpan.Zero, Gate).Predicted
            > VisitorWaitRules.Evaluate(4, new LiveCapacity(4, 0, 9), ThreeMinutes, Accept, Promise, TimeSpan.Zero, Gate).Predicted);

    [Fact]
    public void NobodyToAnswer_IsSlipping() =>
        Assert.Equal((null, true), VisitorWaitRules.Evaluate(1, new LiveCapacity(0, 0, 0), ThreeMinutes, Accept, Promise, TimeSpan.Zero, Gate));

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
        // Accept 5 s + the time within which Ada's one slot (10 s default handle time, no chat measured yet) frees with
        // the configured target probability: the gate's own model and figure.
        var handle = HandleTimeEstimate.From(TimeSpan.FromSeconds(10), new AvailabilityOptions().PriorWeight, []);
        Assert.Equal((int)Math.Ceiling((Accept + AvailabilityGate.WaitQuantile(1, 1, handle, 0.5)).TotalSeconds), queued.PredictedWaitSeconds);
        Assert.Equal(30, queued.PromiseSeconds);
        Assert.False(queued.Slipping);
        Assert.True(later!.Slipping); // 25 s waited + the predicted wait > 30 s
        Assert.Null(await nobody.Connection.InvokeAsync<VisitorWaitDto?>("Waiting"));
    }
}
