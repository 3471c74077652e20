using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>
/// Routing decisions that queue up while SQLite's write lock is busy are taken together, in one turn and one transaction:
/// each pick adds to its operator's load before the next, so nobody is given more than their capacity, and a
/// conversation that changed since its router read it is left to be read again.
/// </summary>
public sealed class RoutingGroupTests : IDisposable
{
    private readonly LogRecorder logs = new();
    private readonly MessagingHub hub = new();

    public RoutingGroupTests() => hub.OverrideServices = services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task DecisionsQueuedBehindTheWriteLock_AreCommittedTogether_AndEachOperatorGetsUpToTheirCapacity()
    {
        var waiting = await WaitingAsync(10, "+3466", autoAccept: true, capacity: 3);
        var groups = hub.Provider.GetRequiredService<RoutingGroups>();
        Assert.Equal(hub.Storage == StorageProvider.Sqlite, groups.Enabled);
        var before = groups.Groups;
        logs.Entries.Clear(); // from here on (PostgreSQL's first migration logs its probe of the missing history table)

        Task[] routes;
        using (await hub.Provider.GetRequiredService<WriteTurns>().TakeAsync("test"))
        {
            // Ten event workers route at once while the lock is held (on SQLite: the inbound writer's commit).
            routes = [.. waiting.Select(id => Task.Run(() => RouteAsync(id)))];
            if (groups.Enabled)
                await Eventually.TrueAsync(() => groups.Waiting == 10, "every router waits for the next routing group");
        }
        await Task.WhenAll(routes);

        if (groups.Enabled)
            Assert.InRange(groups.Groups - before, 1, 2);
        var accepted = await AcceptedAsync();
        Assert.Equal(6, accepted.Count);
        Assert.All(accepted.GroupBy(o => o.OperatorId), g => Assert.Equal(3, g.Count()));
        Assert.Equal(6, accepted.Select(o => o.ConversationId).Distinct().Count());
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal(4, await db.Conversations.CountAsync(c => c.State == ConversationState.Waiting && c.AssignedOperatorId == null));
        Assert.Equal(4, (await scope.ServiceProvider.GetRequiredService<RoutingQueries>().WholeQueueAsync(CancellationToken.None)).Count);
        Assert.Empty(logs.Entries);

        // The groups' kept session ends with them (its connection restored and closed) without a word in the log.
        await groups.DisposeAsync();
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task AGroupWithAConversationChangedSinceRead_WritesNothingForIt_AndRoutesTheOthers()
    {
        var waiting = await WaitingAsync(3, "+3467", autoAccept: false, capacity: 5);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var stale = (await scope.ServiceProvider.GetRequiredService<RoutingQueries>().QueueAsync(waiting[0], CancellationToken.None)).Single();
        // Another decision moved it on after its router read it (a drain, another process).
        await db.Conversations.Where(c => c.Id == stale.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RoutingVersion, c => c.RoutingVersion + 1));

        var decisions = await scope.ServiceProvider.GetRequiredService<RoutingEngine>().DecideGroupAsync(
            [new RoutingRequest(stale.Id, stale), new RoutingRequest(waiting[1], null), new RoutingRequest(waiting[2], null)], CancellationToken.None);

        Assert.Equal([GroupedOutcome.Retry, GroupedOutcome.Routed, GroupedOutcome.Routed], decisions.Select(d => d.Outcome));
        Assert.All(decisions[1..], d => Assert.Single(d.Events.OfType<OfferMade>()));
        var offers = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending).ToListAsync();
        Assert.Equal([waiting[1], waiting[2]], offers.Select(o => o.ConversationId).Order());
        // The two offers went to the two operators: the first pick counted before the second was taken.
        Assert.Equal(2, offers.Select(o => o.OperatorId).Distinct().Count());
    }

    [Fact]
    public async Task AutoAcceptedWebChatsOfAGroup_AreWrittenTogether_EachWithItsOfferAndEntry_AndOneBusySpellPerOperator()
    {
        var waiting = new List<long>();
        await using (var sink = hub.Provider.CreateAsyncScope())
            for (var i = 0; i < 4; i++)
                waiting.Add((await sink.ServiceProvider.GetRequiredService<Adapters.Abstractions.IInboundSink>().ReceiveAsync(
                    new(Adapters.Abstractions.ChannelKind.WebChat, $"visitor-{i}", $"m-{i}", "Is this in stock?", DateTime.UtcNow), CancellationToken.None)).ConversationId);
        var operators = await AvailableAsync(autoAccept: true, capacity: 2);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();

        var (decisions, inserts) = await DecideCountingInsertsAsync(scope, waiting);
        // On SQLite the group's rows of a kind go in one statement (PostgreSQL inserts row by row, in one round trip each).
        Assert.Equal(hub.Storage == StorageProvider.Sqlite ? 3 : 4 + 4 + 2, inserts);

        Assert.All(decisions, d => Assert.Equal(GroupedOutcome.Routed, d.Outcome));
        var accepted = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Accepted).ToListAsync();
        Assert.Equal(waiting, accepted.Select(o => o.ConversationId).Order());
        Assert.All(accepted.GroupBy(o => o.OperatorId), g => Assert.Equal(2, g.Count()));
        var entries = await db.Timeline.AsNoTracking().Where(t => t.Kind == TimelineKind.AutoAccepted).ToListAsync();
        Assert.Equal(waiting, entries.Select(t => t.ConversationId).Order());
        var spells = await db.Set<Hub.Reports.BusySpell>().AsNoTracking().Where(s => s.EndedAt == null).ToListAsync();
        Assert.Equal(operators.Order(), spells.Select(s => s.OperatorId).Order());
    }

    [Fact]
    public async Task OffersOfAGroup_AreWrittenTogether_AndEachOperatorIsToldOfTheOfferAsStored()
    {
        var waiting = await WaitingAsync(4, "+3468", autoAccept: false, capacity: 2);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();

        var (decisions, inserts) = await DecideCountingInsertsAsync(scope, waiting);
        // On SQLite one statement for the offers and one for the timeline entries (PostgreSQL: row by row).
        Assert.Equal(hub.Storage == StorageProvider.Sqlite ? 2 : 4 + 4, inserts);

        Assert.All(decisions, d => Assert.Equal(GroupedOutcome.Routed, d.Outcome));
        var stored = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending).ToDictionaryAsync(o => o.ConversationId);
        Assert.Equal(waiting, stored.Keys.Order());
        // Each decision tells its operator of its own offer, with the key it was stored under (the console answers by it).
        for (var i = 0; i < waiting.Count; i++)
        {
            var told = Assert.Single(decisions[i].Events.OfType<OfferMade>()).Offer;
            var offer = stored[waiting[i]];
            Assert.Equal((offer.Id, offer.ConversationId, offer.OperatorId), (told.Id, told.ConversationId, told.OperatorId));
        }
        Assert.Equal(waiting, (await db.Timeline.AsNoTracking().Where(t => t.Kind == TimelineKind.Offered).ToListAsync()).Select(t => t.ConversationId).Order());
        // The offers count towards their operators' load as they are stored: two each, their capacity.
        var loads = await db.Operators.AsNoTracking().Where(o => o.AsyncLoad > 0).Select(o => o.AsyncLoad).ToListAsync();
        Assert.Equal([2, 2], loads);
    }

    /// <summary>Customers wait while nobody is available; then two operators become available (set directly, so nothing routes yet).</summary>
    private async Task<List<long>> WaitingAsync(int count, string prefix, bool autoAccept, int capacity)
    {
        for (var i = 0; i < count; i++)
            await hub.WhatsAppFromAsync(prefix + (1_000_000 + i));
        // Every message's event handled (nobody available: queued) before anyone is: no event's router offers one of
        // them meanwhile, behind the test's back.
        await hub.EventsHandledAsync("every message's event is handled");
        await AvailableAsync(autoAccept, capacity);
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Conversations.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    /// <summary>Two operators, available with the given capacity (live and async), set directly so nothing routes yet.</summary>
    private async Task<long[]> AvailableAsync(bool autoAccept, int capacity)
    {
        var ada = await hub.CreateOperatorAsync("Ada");
        var bo = await hub.CreateOperatorAsync("Bo");
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Operators.Where(o => o.Id == ada.Id || o.Id == bo.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Presence, Operators.Presence.Available)
            .SetProperty(o => o.AsyncCapacity, capacity).SetProperty(o => o.LiveCapacity, capacity).SetProperty(o => o.AutoAccept, autoAccept));
        return [ada.Id, bo.Id];
    }

    /// <summary>The conversations decided in one routing group, counting the INSERT statements it ran.</summary>
    private async Task<(GroupedDecision[] Decisions, int Inserts)> DecideCountingInsertsAsync(AsyncServiceScope scope, IEnumerable<long> waiting)
    {
        using var counter = new SqlCommandCounter(hub.Storage == StorageProvider.Sqlite ? hub.DataDirectory : TestStorage.DatabaseName(hub.DataDirectory));
        var decisions = await scope.ServiceProvider.GetRequiredService<RoutingEngine>().DecideGroupAsync(
            [.. waiting.Select(id => new RoutingRequest(id, null))], CancellationToken.None);
        return (decisions, counter.Commands.Count(c => c.Contains("INSERT INTO", StringComparison.Ordinal)));
    }

    private async Task RouteAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoutingEngine>().RouteAsync(conversationId, CancellationToken.None);
    }

    private async Task<List<Offer>> AcceptedAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Offers.AsNoTracking().Where(o => o.State == OfferState.Accepted).ToListAsync();
    }
}
