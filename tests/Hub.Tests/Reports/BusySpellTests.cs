using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>Busy spells are written as the real hub accepts and closes web chats, and the occupancy report sums them.</summary>
public sealed class BusySpellTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public BusySpellTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task OverlappingChats_MakeOneSpell_EndedByTheLastClose_AndTheOpenSpellCountsToNow()
    {
        var supervisor = (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor))).Http;
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 2 })).EnsureSuccessStatusCode();
        await using var console = await ada.ConnectConsoleAsync();
        (await ada.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        var visitors = new List<IAsyncDisposable>();
        async Task<long> ChatAsync(string text)
        {
            var visitor = await (await hub.NewVisitorAsync()).ConnectAsync();
            visitors.Add(visitor);
            var ack = await visitor.SendAsync(text);
            var offer = await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
            clock.Advance(TimeSpan.FromSeconds(2));
            (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
            return ack.ConversationId;
        }
        async Task CloseAsync(long id) => (await ada.Http.PostAsync($"/api/conversations/{id}/close", null)).EnsureSuccessStatusCode();

        var first = await ChatAsync("first"); // accepted at 09:00:02
        clock.Advance(TimeSpan.FromSeconds(60));
        var second = await ChatAsync("second"); // accepted at 09:01:04
        clock.Advance(TimeSpan.FromSeconds(30));
        await CloseAsync(first); // still holding the second: the spell goes on
        clock.Advance(TimeSpan.FromSeconds(40));
        await CloseAsync(second); // 09:02:14: the spell ends after 132 s
        clock.Advance(TimeSpan.FromSeconds(100));
        await ChatAsync("third"); // accepted at 09:03:56
        clock.Advance(TimeSpan.FromSeconds(20));

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var live = await db.Set<BusySpell>().AsNoTracking().Where(s => s.OperatorId == ada.Operator.Id).OrderBy(s => s.StartedAt).Select(s => new { s.StartedAt, s.EndedAt }).ToListAsync();
        var start = new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal([new { StartedAt = start.AddSeconds(2), EndedAt = (DateTime?)start.AddSeconds(134) }, new { StartedAt = start.AddSeconds(236), EndedAt = (DateTime?)null }], live);
        // What the hub wrote as it went is what the accepted offers say (the migration's backfill derives the same).
        await BusySpells.RebuildAsync(db, default);
        Assert.Equal(live, await db.Set<BusySpell>().AsNoTracking().Where(s => s.OperatorId == ada.Operator.Id).OrderBy(s => s.StartedAt).Select(s => new { s.StartedAt, s.EndedAt }).ToListAsync());

        var report = (await supervisor.GetFromJsonAsync<OperatorReport>("/api/reports/operators?from=2026-11-24&to=2026-11-25", TestJson.Options))!;
        var row = Assert.Single(report.Operators, o => o.OperatorId == ada.Operator.Id);
        Assert.Equal(132.0 + 20.0, row.BusySeconds);
        Assert.Equal(256.0, row.OnlineSeconds);
        // Handle time is written as each chat closes: 92 s and 70 s (the third is still open); the backfill derives the same.
        Assert.Equal(81.0, row.MeanHandleSeconds);
        var written = await db.Conversations.AsNoTracking().Where(c => c.AssignedOperatorId == ada.Operator.Id).OrderBy(c => c.Id).Select(c => c.HandleSeconds).ToListAsync();
        Assert.Equal([92.0, 70.0, null], written);
        await HandleTimes.RebuildAsync(db, default);
        Assert.Equal(written, await db.Conversations.AsNoTracking().Where(c => c.AssignedOperatorId == ada.Operator.Id).OrderBy(c => c.Id).Select(c => c.HandleSeconds).ToListAsync());
        foreach (var visitor in visitors)
            await visitor.DisposeAsync();
    }
}
