using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>
/// A sweep claims its whole batch with one statement per kind of alert (<see cref="SlaAlerts.ClaimBreachesAsync"/>,
/// <see cref="SlaAlerts.ClaimAtRiskAsync(OmnichannelDb, List{long}, DateTime, CancellationToken)"/>): each clock still
/// due is raised once, and a clock that stopped or restarted after the sweep read it is not raised at all.
/// </summary>
public sealed class SlaBatchClaimTests
{
    [Fact]
    public async Task ABatchOfBreaches_IsRaisedOnce_NotForAClockThatRestartedAfterTheSweepReadIt()
    {
        await using var hub = new SlaHubFactory();
        var ids = await ThreeWaitingChatsAsync(hub);
        var read = await ClocksAsync(hub, ids);
        var now = read[0].SlaDueAt!.Value.AddSeconds(1);
        // After the read, the third customer got an answer and wrote again: a new clock, due in the future.
        await RestartClockAsync(hub, ids[2], now);

        var first = await ClaimBreachesAsync(hub, ids, now);
        var again = await ClaimBreachesAsync(hub, ids, now.AddSeconds(1));

        Assert.Equal(ids[..2], first.Select(b => b.ConversationId).Order());
        Assert.Empty(again);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var stored = await db.Breaches.AsNoTracking().OrderBy(b => b.ConversationId).ToListAsync();
        Assert.Equal(ids[..2], stored.Select(b => b.ConversationId));
        Assert.All(stored, b => Assert.Equal(now, b.RaisedAt));
        Assert.Equal(read.Take(2).Select(c => c.SlaStartedAt), stored.Select(b => (DateTime?)b.StartedAt));
        var restarted = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == ids[2]);
        Assert.Null(restarted.BreachRaisedAt);
        Assert.Equal(SlaState.OnTrack, SlaClock.StoredState(restarted));
        var breached = await db.Conversations.AsNoTracking().Where(c => c.Id == ids[0] || c.Id == ids[1]).ToListAsync();
        Assert.All(breached, c => Assert.Equal(((DateTime?)now, (DateTime?)now, (DateTime?)null), (c.BreachRaisedAt, c.AtRiskRaisedAt, c.SlaNextCheckAt)));
    }

    [Fact]
    public async Task ABatchOfAtRiskAlerts_IsRaisedOnce_AndChecksAgainAtTheDueTime_NotForAStoppedClock()
    {
        await using var hub = new SlaHubFactory();
        var ids = await ThreeWaitingChatsAsync(hub);
        var read = await ClocksAsync(hub, ids);
        var now = read[0].SlaAtRiskAt!.Value.AddMilliseconds(1);
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            // The third customer was answered after the read: the clock stopped.
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var answered = await db.Conversations.SingleAsync(c => c.Id == ids[2]);
            SlaClock.Stop(answered);
            await db.SaveChangesAsync();
        }

        var first = await ClaimAtRiskAsync(hub, ids, now);
        var again = await ClaimAtRiskAsync(hub, ids, now.AddMilliseconds(1));

        Assert.Equal(ids[..2], first.Select(c => c.Id).Order());
        Assert.All(first, c => Assert.Equal(((DateTime?)now, c.SlaDueAt), (c.AtRiskRaisedAt, c.SlaNextCheckAt)));
        Assert.Empty(again);
    }

    private static async Task<long[]> ThreeWaitingChatsAsync(SlaHubFactory hub)
    {
        foreach (var visitor in new[] { "visitor-a", "visitor-b", "visitor-c" })
            await hub.ReceiveAsync(ChannelKind.WebChat, visitor, "Is this in stock?");
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return [.. await db.Conversations.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync()];
    }

    private static async Task<List<Conversation>> ClocksAsync(SlaHubFactory hub, long[] ids)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
    }

    private static async Task RestartClockAsync(SlaHubFactory hub, long id, DateTime at)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == id);
        SlaClock.Start(SlaPolicy.Default(ChannelKind.WebChat), conversation, SlaKind.NextResponse, at);
        await db.SaveChangesAsync();
    }

    private static async Task<List<Breach>> ClaimBreachesAsync(SlaHubFactory hub, long[] ids, DateTime now)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var alerts = new SlaAlerts(hub.Provider.GetRequiredService<SlaPolicies>(), hub.Provider.GetRequiredService<SlaMetrics>(), NullLogger.Instance);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await alerts.ClaimBreachesAsync(db, [.. ids], now, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [.. claimed.Select(c => c.Breach)];
    }

    private static async Task<List<Conversation>> ClaimAtRiskAsync(SlaHubFactory hub, long[] ids, DateTime now)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await SlaAlerts.ClaimAtRiskAsync(db, [.. ids], now, CancellationToken.None);
        await transaction.CommitAsync();
        return claimed;
    }
}
