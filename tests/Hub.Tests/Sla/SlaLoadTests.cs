using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>Many spread deadlines on the fake clock: each is raised once, no later than the next tick after it. (Timing is the benchmark's job.)</summary>
public sealed class SlaLoadTests
{
    [Fact]
    public async Task ThousandsOfSpreadDeadlines_AreEachRaisedOnce_WithinATickOfTheirDeadline()
    {
        // The seeding is a SQLite bulk insert; this load test stays on SQLite.
        await using var hub = new SlaHubFactory { Storage = StorageProvider.Sqlite };
        hub.Settings["Sla:BatchSize"] = "200";
        var start = hub.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = hub.Provider.CreateAsyncScope())
            await SlaLoad.SeedAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), 3000, start.AddSeconds(1), TimeSpan.FromSeconds(10), SlaPolicy.Default(ChannelKind.WebChat));

        for (var second = 0; second < 12; second++)
        {
            hub.Clock.Advance(TimeSpan.FromSeconds(1));
            await hub.Engine.SweepAsync(CancellationToken.None); // also waits for a timer-started sweep
        }

        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var (count, p50, p99, max) = await SlaLoad.LagAsync(db);
            Assert.Equal(3000, count);
            Assert.Equal(3000, await db.Breaches.Select(b => b.ConversationId).Distinct().CountAsync());
            Assert.InRange(max, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            Assert.True(p50 <= p99);
            Assert.False(await db.Conversations.AnyAsync(c => c.SlaNextCheckAt != null));
        }
    }
}
