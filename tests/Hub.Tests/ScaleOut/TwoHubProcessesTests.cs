using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// Two hub processes on one PostgreSQL and one Redis: visitors chat on node A, operators work on node B; node A is
/// killed (SIGKILL) while messages are in flight; the widgets reconnect to B and resend what was not acknowledged.
/// Everything is asserted from the database.
/// </summary>
public sealed class TwoHubProcessesTests : IAsyncLifetime
{
    private const int Visitors = 500;
    private const int OperatorCount = 4;
    /// <summary>Widgets connecting and sending at once.</summary>
    private const int Parallelism = 24;
    private readonly RedisServer redis = new();
    private readonly string data = HubFactory.NewDataDirectory();
    private string connectionString = "";
    private readonly List<HubProcess> hubs = [];
    private readonly List<IAsyncDisposable> clients = [];
    private volatile bool killed;

    public async Task InitializeAsync()
    {
        await redis.StartAsync();
        connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(TestStorage.DatabaseName(data));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
            await client.DisposeAsync();
        foreach (var hub in hubs)
            await hub.DisposeAsync();
        await redis.DisposeAsync();
        TestStorage.Drop(data, StorageProvider.PostgreSql);
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<HubProcess> StartNodeAsync(string name)
    {
        var hub = await HubProcess.StartAsync(Path.Combine(data, name), new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Demo:Enabled"] = "false",
            ["RateLimits:Enabled"] = "false", // many visitors from one loopback address, as HubFactory does
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:KeysDirectory"] = Path.Combine(data, "keys"),
            ["Storage:AttachmentsDirectory"] = Path.Combine(data, "attachments"),
            ["Redis:ConnectionString"] = redis.ConnectionString,
            // Breaches within the test: nobody replies, so every conversation breaches its first response once.
            ["Sla:Policies:WebChat:FirstResponse"] = "00:00:05",
            ["Sla:SweepInterval"] = "00:00:01",
            // A lease outlives four missed renewals, so a live node stalled on a busy machine keeps its operators; a
            // killed node's operators are released well within the tests' 60 s waits.
            ["Presence:LeaseDuration"] = "00:00:15",
            ["Presence:RenewInterval"] = "00:00:03",
        });
        hubs.Add(hub);
        return hub;
    }

    private sealed record Chat(string Token, string ClientMessageId, string Text)
    {
        public VisitorAck? Ack { get; set; }
    }

    private async Task<HubConnection> WidgetAsync(Uri hub, string token)
    {
        var widget = ClusterClients.Connection(hub, "/hubs/visitor", token);
        await widget.StartAsync();
        return widget;
    }

    /// <summary>A widget connects with the visitor's token and sends; the ack is kept only when the hub gave one.</summary>
    private async Task SendAsync(Uri hub, Chat chat)
    {
        await using var widget = await WidgetAsync(hub, chat.Token);
        chat.Ack = await widget.InvokeAsync<VisitorAck>("Send", new VisitorSend(chat.ClientMessageId, chat.Text));
    }

    /// <summary>Many widgets at once, as many visitors would be, bounded so a busy 2-core machine does not time out handshakes.</summary>
    private static Task ManyAsync<T>(IEnumerable<T> items, Func<T, Task> each) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await each(item));

    [Fact]
    public async Task NodeAKilledMidway_WidgetsReconnectToB_EveryAcknowledgedMessageStoredOnce_EachConversationWithOneOperator_BreachesOnce()
    {
        var a = await StartNodeAsync("A");
        var b = await StartNodeAsync("B");
        foreach (var op in await ClusterClients.CreateOperatorsAsync(connectionString, OperatorCount, capacity: Visitors / OperatorCount + 20))
            clients.Add(await ClusterClients.AcceptingConsoleAsync(b.BaseAddress, op));
        var chats = new Chat[Visitors];
        await ManyAsync(Enumerable.Range(0, Visitors), async i =>
            chats[i] = new Chat(await ClusterClients.VisitorTokenAsync(a.BaseAddress), $"first-{i}", $"Question {i}"));

        // The first half is answered by A. The next quarter is in flight on A when it is killed: A dies as soon as a
        // few of them have been acknowledged, so the rest are stored-but-not-acknowledged, half-sent or refused.
        await ManyAsync(chats.Take(Visitors / 2), c => SendAsync(a.BaseAddress, c));
        var secondQuarter = chats.Skip(Visitors / 2).Take(Visitors / 4).ToList();
        var inFlight = ManyAsync(secondQuarter, async c =>
        {
            try
            {
                await SendAsync(a.BaseAddress, c);
            }
            catch (Exception) when (killed)
            {
                // The node died under this widget: it has no ack and will resend to B.
            }
        });
        await Eventually.TrueAsync(() => secondQuarter.Count(c => c.Ack is not null) >= Parallelism, "some of the second quarter are acknowledged by A", TimeSpan.FromSeconds(120));
        killed = true;
        a.Kill();
        await inFlight;
        Assert.Contains(secondQuarter, c => c.Ack is null);

        // Every widget reconnects to B with its token; what was not acknowledged is sent again with the same id.
        await ManyAsync(chats.Where(c => c.Ack is null).ToList(), c => SendAsync(b.BaseAddress, c));
        Assert.All(chats, c => Assert.NotNull(c.Ack));
        // ...and resyncs its history from B: its own message, once.
        await ManyAsync(chats.Take(Visitors * 3 / 4), async chat =>
        {
            await using var widget = await WidgetAsync(b.BaseAddress, chat.Token);
            var history = await widget.InvokeAsync<VisitorHistory>("History", chat.Ack!.ConversationId, 0L);
            Assert.Equal([chat.Text], history.Messages.Where(m => m.Direction == "visitor").Select(m => m.Text));
        });

        await using var db = ClusterClients.Database(connectionString);
        var conversationIds = chats.Select(c => c.Ack!.ConversationId).Distinct().ToList();
        Assert.Equal(Visitors, conversationIds.Count);
        try
        {
            await Eventually.TrueAsync(async () => await db.Conversations.CountAsync(c => conversationIds.Contains(c.Id) && c.AssignedOperatorId != null) == Visitors,
                "every conversation is assigned to an operator", TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + " " + await DescribeUnassignedAsync(db, conversationIds) + "\nNode B:\n" + b.Output(), ex);
        }
        await Eventually.TrueAsync(async () => await db.Breaches.Where(x => conversationIds.Contains(x.ConversationId)).Select(x => x.ConversationId).Distinct().CountAsync() == Visitors,
            "every conversation has breached its first response", TimeSpan.FromMinutes(5));

        var messages = await db.Messages.AsNoTracking().Where(m => conversationIds.Contains(m.ConversationId)).ToListAsync();
        Assert.All(chats, c => Assert.Single(messages, m => m.Id == c.Ack!.MessageId && m.Text == c.Text));
        Assert.Equal(Visitors, messages.Count);
        var offers = await db.Offers.AsNoTracking().Where(o => conversationIds.Contains(o.ConversationId)).ToListAsync();
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToListAsync();
        Assert.All(conversations, c =>
        {
            var accepted = Assert.Single(offers, o => o.ConversationId == c.Id && o.State == OfferState.Accepted);
            Assert.Equal(c.AssignedOperatorId, accepted.OperatorId);
        });
        var breaches = await db.Breaches.AsNoTracking().Where(x => conversationIds.Contains(x.ConversationId)).ToListAsync();
        Assert.Equal(Visitors, breaches.Count(x => x.Kind == Omnichannel.Hub.Sla.SlaKind.FirstResponse));
    }

    [Fact]
    public async Task AnOperatorWhoseNodeIsKilled_GoesOfflineWhenTheLeaseRunsOut_AndTheirChatIsOfferedToSomeoneElse()
    {
        var a = await StartNodeAsync("A");
        var b = await StartNodeAsync("B");
        var operators = await ClusterClients.CreateOperatorsAsync(connectionString, 2);
        clients.Add(await ClusterClients.AcceptingConsoleAsync(a.BaseAddress, operators[0]));
        var chat = new Chat(await ClusterClients.VisitorTokenAsync(b.BaseAddress), "only", "Anyone there?");
        await SendAsync(b.BaseAddress, chat);
        await using var db = ClusterClients.Database(connectionString);
        await Eventually.TrueAsync(async () => (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == chat.Ack!.ConversationId)).AssignedOperatorId == operators[0].Id,
            "the chat is with the operator on node A", TimeSpan.FromSeconds(60));

        a.Kill();
        clients.Add(await ClusterClients.AcceptingConsoleAsync(b.BaseAddress, operators[1]));

        await Eventually.TrueAsync(async () => (await db.Operators.AsNoTracking().SingleAsync(o => o.Id == operators[0].Id)).Presence == Operators.Presence.Offline,
            "node B claims the expired lease and sets the operator offline", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == chat.Ack!.ConversationId)).AssignedOperatorId == operators[1].Id,
            "the chat is offered to and accepted by the operator on node B", TimeSpan.FromSeconds(60));
        Assert.Equal(Operators.Presence.Available, (await db.Operators.AsNoTracking().SingleAsync(o => o.Id == operators[1].Id)).Presence);
    }

    /// <summary>What a failing run left behind: unassigned conversations, their offers and their unhandled events.</summary>
    private static async Task<string> DescribeUnassignedAsync(PostgreSqlDb db, List<long> conversationIds)
    {
        var stuck = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id) && c.AssignedOperatorId == null).Select(c => new { c.Id, c.State }).ToListAsync();
        var ids = stuck.Select(c => c.Id).ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => ids.Contains(o.ConversationId)).Select(o => new { o.ConversationId, o.OperatorId, o.State, o.Broadcast }).ToListAsync();
        var events = await db.Set<Omnichannel.Hub.Events.DomainEvent>().AsNoTracking().Where(e => ids.Contains(e.ConversationId))
            .Select(e => new { e.ConversationId, e.Kind, e.ClaimedBy, e.ClaimedUntil, e.Attempts }).ToListAsync();
        return $"Unassigned: {string.Join(", ", stuck.Select(c => $"{c.Id} {c.State}"))}. Offers: {string.Join(", ", offers)}. Events left: {string.Join(", ", events)}";
    }
}
