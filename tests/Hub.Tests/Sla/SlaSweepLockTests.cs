using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>
/// On PostgreSQL the SLA sweep and the routing ladder update batches of the conversations the inbound writer updates;
/// locking them in different orders deadlocked (40P01, seen in the benchmark). A batch now takes only rows no other
/// transaction holds and commits; a held one is done afterwards on its own, waiting for that row while holding no other.
/// </summary>
public sealed class SlaSweepLockTests
{
    [Fact]
    public async Task ASweep_CommitsItsBatchPastAConversationAnotherTransactionHolds_ThenRaisesThatOneAlone()
    {
        await using var hub = Hub();
        var ids = await ThreeWaitingChatsAsync(hub);

        await using var writer = await WriterHoldingAsync(hub, ids[1]);
        hub.Clock.Advance(TimeSpan.FromSeconds(31));
        var sweep = hub.Engine.SweepAsync(CancellationToken.None);

        // By the time a breach claim waits for the held row, the other two breaches are committed: nothing else is held.
        await WaitsForARowAsync(hub, "BreachRaisedAt");
        var committedMeanwhile = await BreachedAsync(hub);
        await writer.DisposeAsync();
        await sweep;
        Assert.Equal([ids[0], ids[2]], committedMeanwhile);
        Assert.Equal(ids, await BreachedAsync(hub));

        await hub.Engine.SweepAsync(CancellationToken.None);
        Assert.Equal(ids, await BreachedAsync(hub));
    }

    [Fact]
    public async Task TheEveryoneAtOnceStep_ClaimsItsPagePastAConversationAnotherTransactionHolds_ThenThatOneAlone()
    {
        await using var hub = Hub(broadcastAfter: "00:00:20");
        var ids = await ThreeWaitingChatsAsync(hub);

        await using var writer = await WriterHoldingAsync(hub, ids[1]);
        hub.Clock.Advance(TimeSpan.FromSeconds(21)); // wakes the routing ladder; no SLA alert is due yet

        await WaitsForARowAsync(hub, "BroadcastAt");
        var claimedMeanwhile = await BroadcastAsync(hub);
        await writer.DisposeAsync();
        Assert.Equal([ids[0], ids[2]], claimedMeanwhile);
        // The ladder's claim of the held one was waiting for it, and goes through now.
        await Eventually.TrueAsync(async () => (await BroadcastAsync(hub)).SequenceEqual(ids), "the held conversation is claimed too", TimeSpan.FromSeconds(60));
    }

    /// <summary>Only the step under test runs: the other ladder steps come an hour later.</summary>
    private static SlaHubFactory Hub(string broadcastAfter = "01:00:00") => new()
    {
        Storage = StorageProvider.PostgreSql,
        Settings = { ["Routing:BroadcastAfter"] = broadcastAfter, ["Routing:SupervisorAlertAfter"] = "02:00:00" },
    };

    private static async Task<List<long>> ThreeWaitingChatsAsync(SlaHubFactory hub)
    {
        foreach (var visitor in new[] { "visitor-a", "visitor-b", "visitor-c" })
            await hub.ReceiveAsync(ChannelKind.WebChat, visitor, "Is this in stock?");
        return await QueryAsync(hub, db => db.Conversations.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
    }

    /// <summary>The inbound writer in the middle of a group: the conversation's row is locked by an open transaction
    /// until the returned scope is disposed (rolled back).</summary>
    private static async Task<AsyncServiceScope> WriterHoldingAsync(SlaHubFactory hub, long conversationId)
    {
        var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""UPDATE "Conversations" SET "LastInboundAt" = "LastInboundAt" WHERE "Id" = {conversationId}""");
        return scope;
    }

    private static Task<List<long>> BreachedAsync(SlaHubFactory hub) =>
        QueryAsync(hub, db => db.Breaches.OrderBy(b => b.ConversationId).Select(b => b.ConversationId).ToListAsync());

    private static Task<List<long>> BroadcastAsync(SlaHubFactory hub) =>
        QueryAsync(hub, db => db.Conversations.Where(c => c.BroadcastAt != null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());

    /// <summary>Completes once an update of <paramref name="column"/> waits for a row lock (polled from pg_stat_activity).</summary>
    private static async Task WaitsForARowAsync(SlaHubFactory hub, string column)
    {
        var pattern = $"%SET%\"{column}\" =%";
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await QueryAsync(hub, db => db.Database.SqlQuery<int>($"""
                   SELECT COUNT(*)::int AS "Value" FROM pg_stat_activity
                   WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE {pattern}
                   """).SingleAsync()) == 0)
            await tick.WaitForNextTickAsync();
    }

    private static async Task<T> QueryAsync<T>(SlaHubFactory hub, Func<OmnichannelDb, Task<T>> query)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }
}
