using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

public sealed class WebChatBadInputTests(HubFactory hub) : IClassFixture<HubFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyMessage_IsRefusedWithAReason_AndNothingIsStored(string text)
    {
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => widget.SendAsync(text));

        Assert.Contains("empty", error.Message);
        Assert.Equal(0, await MessagesOfVisitorAsync(visitor.VisitorId));
    }

    [Fact]
    public async Task OverLongMessage_IsRefusedWithAReason_AndNothingIsStored()
    {
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => widget.SendAsync(new string('a', 4001)));
        var atLimit = await widget.SendAsync(new string('b', 4000));

        Assert.Contains("4000", error.Message);
        Assert.Equal(1, await MessagesOfVisitorAsync(visitor.VisitorId));
        Assert.False(atLimit.Duplicate);
    }

    [Fact]
    public async Task OperatorReply_EmptyOrOverLong_Is400WithProblemDetails()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Di"));
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("hi");

        var empty = await op.Http.PostAsJsonAsync($"/api/conversations/{ack.ConversationId}/reply", new { text = " " });
        var tooLong = await op.Http.PostAsJsonAsync($"/api/conversations/{ack.ConversationId}/reply", new { text = new string('x', 4001) });
        var notJson = await op.Http.PostAsync($"/api/conversations/{ack.ConversationId}/reply", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));

        Assert.All([empty, tooLong, notJson], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.All([empty, tooLong, notJson], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Single(await op.MessagesAsync(ack.ConversationId));
    }

    [Theory]
    [InlineData("/api/conversations")]
    [InlineData("/api/conversations/1/messages")]
    [InlineData("/api/auth/me")]
    public async Task Api_WithoutLogin_Is401(string path)
    {
        var response = await hub.Http().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Is401ProblemDetails()
    {
        var op = await hub.CreateOperatorAsync("Eve");
        var response = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = op.Email, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownConversation_Is404ProblemDetails()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Fay"));
        foreach (var response in new[]
        {
            await op.Http.GetAsync("/api/conversations/999999"),
            await op.Http.GetAsync("/api/conversations/999999/messages"),
            await op.Http.PostAsJsonAsync("/api/conversations/999999/reply", new { text = "hello" }),
            await op.Http.PostAsync("/api/conversations/999999/claim", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task VisitorTokenOfConversationA_CannotReadOrPostToConversationB()
    {
        var alice = await hub.NewVisitorAsync();
        var bob = await hub.NewVisitorAsync();
        await using var aliceWidget = await alice.ConnectAsync();
        await using var bobWidget = await bob.ConnectAsync();
        var a = await aliceWidget.SendAsync("Alice's secret order number");
        var b = await bobWidget.SendAsync("Bob's question");

        var restRead = new HttpClient { BaseAddress = hub.BaseAddress };
        restRead.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);
        var forbidden = await restRead.GetAsync($"/api/widget/conversations/{b.ConversationId}/messages");
        var own = await restRead.GetAsync($"/api/widget/conversations/{a.ConversationId}/messages");
        var hubRead = await Assert.ThrowsAsync<HubException>(() => aliceWidget.HistoryAsync(b.ConversationId));
        // The widget has no way to name another conversation when posting: Alice's message lands in hers.
        var posted = await aliceWidget.SendAsync("Another message");
        var forged = await new HttpClient { BaseAddress = hub.BaseAddress }.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/widget/conversations/{b.ConversationId}/messages")
        {
            Headers = { Authorization = new("Bearer", alice.Token[..^4] + "AAAA") },
        });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("not yours", hubRead.Message);
        Assert.Equal(a.ConversationId, posted.ConversationId);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.DoesNotContain("Alice", await (await BobReadsAsync(bob, b.ConversationId)).Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> BobReadsAsync(VisitorSession bob, long conversationId)
    {
        var client = new HttpClient { BaseAddress = hub.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", bob.Token);
        return client.GetAsync($"/api/widget/conversations/{conversationId}/messages");
    }

    private async Task<int> MessagesOfVisitorAsync(string visitorId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.CountAsync(m => m.Conversation!.ContactHandle == visitorId);
    }
}
