using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Reports.Weekly;
using Omnichannel.Hub.Scheduling;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Email;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>The weekly summary to admins through the real SMTP sink, on a fake clock: due on Monday morning, once per admin.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WeeklySummaryTests : IAsyncLifetime
{
    // Monday 30 November 2026, 08:00 in Amsterdam: last week's (23–29 November) summary is due.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));
    private EmailWorld world = null!;

    public async Task InitializeAsync()
    {
        world = await EmailWorld.StartAsync(s =>
        {
            s["Reports:WeeklySummary:Enabled"] = "true";
            s["OpeningHours:TimeZone"] = "Europe/Amsterdam";
        });
        world.Hub.Time = clock;
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private IDueWork Work => world.Hub.Provider.GetServices<IDueWork>().Single(w => w.Name == "weekly-summary");

    [Fact]
    public async Task LastWeeksSummary_ReachesEachAdminOnce_WithTheWeeksFigures()
    {
        // The week's history first, then the admins: whichever run (the scheduler's at start, or this test's) writes the
        // summary sees the whole week.
        await using (var scope = world.Hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var contact = new Contact { DisplayName = "Cas", CreatedAt = clock.GetUtcNow().UtcDateTime.AddDays(-30) };
            db.Add(contact);
            await db.SaveChangesAsync();
            // Three last week (Monday 00:30 local is still last week's first hour), one this week, one the week before.
            foreach (var at in new[] { new DateTime(2026, 11, 22, 23, 30, 0, DateTimeKind.Utc), new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
                         new DateTime(2026, 11, 29, 22, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 29, 23, 30, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc) })
                db.Add(new Conversation { ContactId = contact.Id, Channel = ChannelKind.WebChat, ContactHandle = $"v{at.Ticks}", CreatedAt = at, LastMessageAt = at });
            await db.SaveChangesAsync();
        }
        var ann = await world.Hub.CreateOperatorAsync("Ann", Roles.Admin);
        var sue = await world.Hub.CreateOperatorAsync("Sue", Roles.Supervisor);
        await Work.RunAsync(CancellationToken.None);
        var mail = await world.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == ann.Email));
        Assert.Equal("Weekly summary 2026-11-23 to 2026-11-29", mail.Subject);
        Assert.Contains("Conversations: 3 (0 new, 3 returning contacts)", mail.TextBody);
        Assert.Equal(EmailWorld.SupportAddress, mail.From.Mailboxes.Single().Address);
        await Work.RunAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        await Work.RunAsync(CancellationToken.None);
        await using (var scope = world.Hub.Provider.CreateAsyncScope())
        {
            var sends = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<WeeklySummarySend>().AsNoTracking().ToListAsync();
            var sent = Assert.Single(sends);
            Assert.Equal((ann.Id, new DateOnly(2026, 11, 23)), (sent.OperatorId, sent.Week));
            Assert.NotNull(sent.SentAt);
        }
        Assert.Single(world.Smtp.Received(), m => m.To.Mailboxes.Any(a => a.Address == ann.Email));
        Assert.DoesNotContain(world.Smtp.Received(), m => m.To.Mailboxes.Any(a => a.Address == sue.Email));
    }

    [Theory]
    [InlineData("2026-11-30 06:59", "2026-11-16")] // Monday before 07:00: the week before last is the newest due
    [InlineData("2026-11-30 07:00", "2026-11-23")]
    [InlineData("2026-12-02 15:00", "2026-11-23")]
    [InlineData("2026-12-06 23:59", "2026-11-23")] // Sunday: still last week's
    public void DueWeek_IsTheLastWholeWeekOnceMondayMorningHasPassed(string localNow, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture),
            WeeklySummaryText.DueWeek(DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(7)));
}

/// <summary>Off by default: no summary is written or sent without the setting.</summary>
public sealed class WeeklySummaryOffTests
{
    [Fact]
    public async Task WithoutTheSetting_NoSummaryIsWritten()
    {
        await using var hub = new HubFactory { Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)) };
        await hub.CreateOperatorAsync("Ann", Roles.Admin);
        await hub.Provider.GetServices<IDueWork>().Single(w => w.Name == "weekly-summary").RunAsync(CancellationToken.None);
        await using var scope = hub.Provider.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<WeeklySummarySend>().CountAsync());
    }
}
