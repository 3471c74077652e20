using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// Two hubs on one PostgreSQL database and one Redis (each on its own Kestrel port): a visitor on node A, the operator
/// on node B. Pushes made on one node reach clients of the other through the Redis backplane; presence is shared.
/// </summary>
public sealed class TwoHubsTests : IAsyncLifetime
{
    private readonly HubCluster cluster = new();

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    // Offers are accepted on the real clock: a busy machine must not let one expire before the operator's accept.
    private HubFactory Node() => cluster.Node(new Dictionary<string, string> { ["Routing:LiveOfferTimeout"] = "00:02:00" });

    private static async Task<(OperatorSession Session, ConsoleListener Console)> OnDutyAsync(HubFactory node, string name)
    {
        var session = await node.LoginAsync(await node.CreateOperatorAsync(name));
        (await session.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 5, asyncCapacity = 5 })).EnsureSuccessStatusCode();
        var console = await session.ConnectConsoleAsync();
        (await session.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        return (session, console);
    }

    [Fact]
    public async Task VisitorOnNodeA_OperatorOnNodeB_TheConversationFlowsBothWays_AndIsStoredOnce()
    {
        var a = Node();
        var b = Node();
        var (ada, console) = await OnDutyAsync(b, "Ada");
        var visitor = await a.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var ack = await widget.SendAsync("Hello from node A");

        var offer = await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
        var live = await console.Messages.WaitAsync(m => m.Id == ack.MessageId);
        Assert.Equal("Hello from node A", live.Text);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        await ada.ReplyAsync(ack.ConversationId, "Hello from node B");
        var answer = await widget.Messages.WaitAsync(m => m.Direction == "operator");
        Assert.Equal("Hello from node B", answer.Text);

        await using var scope = b.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal(["Hello from node A", "Hello from node B"],
            await db.Messages.Where(m => m.ConversationId == ack.ConversationId).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(ada.Operator.Id, (await db.Conversations.SingleAsync(c => c.Id == ack.ConversationId)).AssignedOperatorId);
        Assert.Equal(1, await db.Offers.CountAsync(o => o.ConversationId == ack.ConversationId));
    }

    [Fact]
    public async Task AHubStartingBesideOthers_KeepsOperatorsWhoseConsolesHoldLeasesElsewhere()
    {
        var a = Node();
        var (ada, _) = await OnDutyAsync(a, "Ada");

        var b = Node();

        var seenFromB = await b.Http().GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("Healthy", seenFromB.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("PostgreSql", seenFromB.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        await using var scope = b.Provider.CreateAsyncScope();
        var op = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Operators.AsNoTracking().SingleAsync(o => o.Id == ada.Operator.Id);
        Assert.Equal(Presence.Available, op.Presence);
    }

    private static async Task<SignalAnswer> SignalsAsync(HubFactory node, object batch)
    {
        // A first batch gets its visitor token the way the loader does (POST /api/widget/visitor).
        var json = JsonSerializer.SerializeToNode(batch)!.AsObject();
        if (json["token"] is null)
            json["token"] = (await node.NewVisitorAsync()).Token;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/signals") { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "text/plain") };
        var response = await node.Http().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SignalAnswer>(TestJson.Options))!;
    }

    [Fact]
    public async Task AVisitorBrowsingOnNodeA_IsListedOnNodeB_AndAnOperatorOnBCanInviteThem()
    {
        var a = Node();
        var b = Node();
        var (ada, _) = await OnDutyAsync(b, "Ada");

        var seen = await SignalsAsync(a, new { path = "/product.html", dwell = 40 });

        var listed = await ada.Http.GetFromJsonAsync<List<LiveVisitorDto>>("/api/engagement/visitors", TestJson.Options);
        Assert.Equal("/product.html", Assert.Single(listed!, v => v.VisitorId == seen.VisitorId).Path);
        var started = await ada.Http.PostAsJsonAsync($"/api/engagement/visitors/{seen.VisitorId}/chat", new { text = "Hi from node B!" });
        started.EnsureSuccessStatusCode();
        var conversation = (await started.Content.ReadFromJsonAsync<ConversationDto>(TestJson.Options))!;
        var next = await SignalsAsync(a, new { token = seen.Token, path = "/product.html", dwell = 45 });
        Assert.Equal(conversation.Id, next.Invite);
        var again = await SignalsAsync(a, new { token = seen.Token, path = "/product.html", dwell = 50 });
        Assert.Null(again.Invite);
    }
}
