using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>
/// A widget send goes to the visitor's open chat first (<see cref="InboundMessage.OnlyIntoOpen"/>); only without one is a
/// new chat checked (availability, quotas) and started. Nothing is created, reopened or stored by the first attempt.
/// </summary>
public sealed class OpenChatFirstTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public OpenChatFirstTests()
    {
        hub = new HubFactory { Time = clock };
        // Long handling times: one chat fills Ada's only slot and the widget turns busy for anyone new.
        hub.Settings["Routing:DefaultHandleTime"] = "00:03:00";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task AVisitorInAChat_KeepsWriting_WhileNewChatsAreRefused_AndAfterTheCloseIsRefusedToo()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1 })).EnsureSuccessStatusCode();
        var adaConsole = await ada.ConnectConsoleAsync();
        await using var chatting = await (await hub.NewVisitorAsync()).ConnectAsync();
        await using var newcomer = await (await hub.NewVisitorAsync()).ConnectAsync();

        var first = await chatting.SendAsync("I need help with my order");
        await newcomer.States.WaitAsync(s => s.State == WidgetAvailability.Busy);
        var refused = await Assert.ThrowsAsync<HubException>(() => newcomer.SendAsync("me too"));
        var more = await chatting.SendAsync("It is order 1042");

        Assert.Contains("helping other customers", refused.Message);
        Assert.Equal(first.ConversationId, more.ConversationId);
        Assert.False(more.Duplicate);
        Assert.Equal(["I need help with my order", "It is order 1042"], await TextsAsync(first.ConversationId));
        // Only the newcomer was turned away; the visitor writing in their chat never met the check.
        Assert.Equal(1, await ReadAsync(db => db.Set<TurnedAway>().CountAsync(t => t.Kind == TurnedAwayKind.ChatRefused)));

        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        (await ada.Http.PostAsync($"/api/conversations/{first.ConversationId}/close", null)).EnsureSuccessStatusCode();
        // The busy spell holds (the clock stands still): a closed chat is not reopened past the check.
        var afterClose = await Assert.ThrowsAsync<HubException>(() => chatting.SendAsync("one more thing"));

        Assert.Contains("helping other customers", afterClose.Message);
        Assert.Equal(ConversationState.Closed, await ReadAsync(db => db.Conversations.Where(c => c.Id == first.ConversationId).Select(c => c.State).SingleAsync()));
        Assert.Equal(2, (await TextsAsync(first.ConversationId)).Count);
    }

    [Fact]
    public async Task OnlyIntoOpen_StoresIntoTheOpenChat_AndWithoutOneCreatesAndReopensNothing()
    {
        var handle = $"v_{Guid.NewGuid():N}";

        var nothingYet = await ReceiveAsync(handle, onlyIntoOpen: true);
        Assert.True(nothingYet.NoOpenConversation);
        Assert.Equal(0, await ReadAsync(db => db.ContactIdentities.CountAsync(i => i.Channel == ChannelKind.WebChat && i.Handle == handle)));

        var started = await ReceiveAsync(handle, onlyIntoOpen: false);
        var joined = await ReceiveAsync(handle, onlyIntoOpen: true);
        Assert.False(joined.NoOpenConversation);
        Assert.Equal(started.ConversationId, joined.ConversationId);

        await ReadAsync(async db =>
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId);
            ConversationRules.Close(conversation, clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var afterClose = await ReceiveAsync(handle, onlyIntoOpen: true);

        Assert.True(afterClose.NoOpenConversation);
        Assert.Equal(ConversationState.Closed, await ReadAsync(db => db.Conversations.Where(c => c.Id == started.ConversationId).Select(c => c.State).SingleAsync()));
        Assert.Equal(2, (await TextsAsync(started.ConversationId)).Count);
        Assert.Equal(1, await ReadAsync(db => db.Conversations.CountAsync(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == handle)));
    }

    [Fact]
    public async Task InOneGroup_TheMessagesWithoutAnOpenChat_LeaveTheOthersStored()
    {
        // Twenty sends at once (the writer groups what queues up): half may only join an open chat, and have none.
        var handles = Enumerable.Range(0, 20).Select(i => $"v_group_{i}_{Guid.NewGuid():N}").ToList();

        var results = await Task.WhenAll(handles.Select((h, i) => ReceiveAsync(h, onlyIntoOpen: i % 2 == 0)));

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.True(r.NoOpenConversation));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.True(r.ConversationId > 0 && !r.NoOpenConversation));
        var stored = await ReadAsync(db => db.Conversations.Where(c => handles.Contains(c.ContactHandle)).Select(c => c.ContactHandle).ToListAsync());
        Assert.Equal(handles.Where((_, i) => i % 2 == 1).Order(), stored.Order());
    }

    private async Task<InboundResult> ReceiveAsync(string handle, bool onlyIntoOpen)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var message = new InboundMessage(ChannelKind.WebChat, handle, $"{handle}:{Guid.NewGuid():N}", "Hello", DateTime.UtcNow) { OnlyIntoOpen = onlyIntoOpen };
        return await scope.ServiceProvider.GetRequiredService<IInboundSink>().ReceiveAsync(message, CancellationToken.None);
    }

    private Task<List<string>> TextsAsync(long conversationId) =>
        ReadAsync(db => db.Messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());

    private async Task<T> ReadAsync<T>(Func<OmnichannelDb, Task<T>> read)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }
}
