using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Retention;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

public sealed class RetentionTests
{
    [Fact]
    public async Task VisitorProfilesDwellSamplesAndEvents_PastRetention_ArePurgedOnSchedule_RecentOnesKept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        using var hub = new HubFactory { Time = clock };
        hub.Settings["Privacy:RetentionDays"] = "90";
        hub.Settings["Privacy:PurgeEvery"] = "06:00:00";
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            db.VisitorProfiles.AddRange(new VisitorProfile { VisitorId = "old", FirstSeen = now.AddDays(-120), LastSeen = now.AddDays(-91) },
                new VisitorProfile { VisitorId = "recent", FirstSeen = now.AddDays(-120), LastSeen = now.AddDays(-3) });
            db.DwellSamples.AddRange(new DwellSample { Path = "/old", Seconds = 5, At = now.AddDays(-100) }, new DwellSample { Path = "/recent", Seconds = 5, At = now.AddDays(-1) });
            db.EngagementEvents.AddRange(new EngagementEvent { RuleId = 1, VisitorId = "old", At = now.AddDays(-95) }, new EngagementEvent { RuleId = 1, VisitorId = "recent", At = now.AddDays(-2) });
            await db.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromHours(6));

        await Eventually.TrueAsync(() => Count(hub).GetAwaiter().GetResult() == (1, 1, 1), "the old visitor data was purged");
        await using var check = hub.Provider.CreateAsyncScope();
        var kept = check.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal("recent", (await kept.VisitorProfiles.SingleAsync()).VisitorId);
        Assert.Equal("/recent", (await kept.DwellSamples.SingleAsync()).Path);
    }

    private static async Task<(int, int, int)> Count(HubFactory hub)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return (await db.VisitorProfiles.CountAsync(), await db.DwellSamples.CountAsync(), await db.EngagementEvents.CountAsync());
    }

    [Fact]
    public void Cutoff_IsRetentionDaysBeforeNow() =>
        Assert.Equal(new DateTime(2026, 8, 26, 0, 0, 0, DateTimeKind.Utc), RetentionJob.Cutoff(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), 90));
}
