using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

public sealed class WebChatEndToEndTests(HubFactory hub) : IClassFixture<HubFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task VisitorMessage_IsPersisted_ReachesOperatorLive_AndTheReplyReachesTheVisitor()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var ack = await widget.SendAsync("Do you ship to Norway?");

        var stored = await StoredMessagesAsync(ack.ConversationId);
        Assert.Equal("Do you ship to Norway?", Assert.Single(stored).Text);
        var live = await console.Messages.WaitAsync(m => m.Id == ack.MessageId);
        Assert.Equal(ChannelKind.WebChat, live.Channel);
        var queued = await console.Conversations.WaitAsync(c => c.Id == ack.ConversationId);
        Assert.Equal(ConversationState.Waiting, queued.State);

        await op.ReplyAsync(ack.ConversationId, "Yes, in 2-3 days.");

        var answer = await widget.Messages.WaitAsync(m => m.Direction == "operator");
        Assert.Equal("Yes, in 2-3 days.", answer.Text);
        Assert.Equal("Ada", answer.Author);
        var sent = await console.Statuses.WaitAsync(s => s.ConversationId == ack.ConversationId && s.Status == MessageStatus.Sent);
        Assert.Equal(answer.Id, sent.MessageId);
    }

    [Fact]
    public async Task Visitor_ReconnectingWithTheSameToken_FetchesWhatItMissed()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Is the blue jacket in stock?");
        await widget.DisposeAsync();

        await op.ReplyAsync(ack.ConversationId, "It is, in M and L.");
        await op.ReplyAsync(ack.ConversationId, "Want me to reserve one?");

        var sameVisitor = await hub.NewVisitorAsync(visitor.Token);
        Assert.Equal(visitor.VisitorId, sameVisitor.VisitorId);
        await using var again = await sameVisitor.ConnectAsync();
        var missed = await again.HistoryAsync(ack.ConversationId, ack.MessageId);
        Assert.Equal(["It is, in M and L.", "Want me to reserve one?"], missed.Messages.Select(m => m.Text));
        var everything = await again.HistoryAsync(null);
        Assert.Equal(ack.ConversationId, everything.ConversationId);
        Assert.Equal(3, everything.Messages.Count);
    }

    [Fact]
    public async Task SameClientMessageId_SentTwiceOrConcurrently_IsStoredOnce()
    {
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var first = await widget.SendAsync("Hello?", "client-1");
        var retry = await widget.SendAsync("Hello?", "client-1");
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => widget.SendAsync("Again?", "client-2")));

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.MessageId, retry.MessageId);
        Assert.Single(racing.Select(a => a.MessageId).Distinct());
        Assert.Equal(2, (await StoredMessagesAsync(first.ConversationId)).Count);
    }

    [Fact]
    public async Task OperatorClaims_ThenAnotherOperatorCannotClaimOrReply()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Can someone help?");

        var claim = await ada.Http.PostAsync($"/api/conversations/{ack.ConversationId}/claim", null);
        claim.EnsureSuccessStatusCode();
        var stolen = await bo.Http.PostAsync($"/api/conversations/{ack.ConversationId}/claim", null);
        var butted = await bo.Http.PostAsync($"/api/conversations/{ack.ConversationId}/reply", System.Net.Http.Json.JsonContent.Create(new { text = "Me too" }));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, stolen.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, butted.StatusCode);
        Assert.Equal("application/problem+json", stolen.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClosingAConversation_TellsTheWidget_AndANewMessageReopensIt()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Cy"));
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Thanks, that's all.");
        (await op.Http.PostAsync($"/api/conversations/{ack.ConversationId}/close", null)).EnsureSuccessStatusCode();

        Assert.Equal(ack.ConversationId, await widget.Closed.WaitAsync(id => id == ack.ConversationId));
        var later = await widget.SendAsync("Oh, one more thing");
        Assert.Equal(ack.ConversationId, later.ConversationId);
        var history = await widget.HistoryAsync(null);
        Assert.False(history.Closed);
    }

    private async Task<List<Message>> StoredMessagesAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync();
    }
}
