using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;
using Omnichannel.Simulation.ThroughTheHub;
using Xunit.Abstractions;

namespace Omnichannel.Simulation.Tests;

/// <summary>Shop days driven through the real hub (widget and console entry points, its routing, gate and SLA engine) on a fake clock.</summary>
public sealed class ShopDayThroughTheHubTests(ShopDayFixture shop, ITestOutputHelper output) : IClassFixture<ShopDayFixture>
{
    private void Report(string label, HubDayResult day, TimeSpan? wall = null)
    {
        output.WriteLine($"{label}: {day.Visitors.Count} visitors, {day.Offered} offered, {day.AnsweredInTime} answered ≤ {day.PromiseSeconds:0} s ({day.AnsweredShare:P1} of offered); "
            + $"Erlang C servable {day.Servable:0.0}, offered {day.OfferedOfServable:P1} of it; service level {day.ServiceLevel:P1}; SLA engine {day.SlaMet}/{day.SlaMeasured} met, {day.Breaches} breaches; "
            + $"widget flips {day.Flips}, shortest spell {day.ShortestSpell:0.0} s, shortest busy spell {day.ShortestBusySpell:0.0} s; offers expired {day.ExpiredOffers}, declined {day.DeclinedOffers}, missed {day.MissedOffers}"
            + (wall is { } w ? $"; {w.TotalSeconds:0} s wall" : ""));
        foreach (var h in day.Hours)
            output.WriteLine($"  {h.Hour:00}:00 slots {h.Slots} visitors {h.Visitors} offered {h.Offered} in time {h.AnsweredInTime} left {h.Left} servable {h.Servable:0.0} p95 wait {h.P95Wait:0.0} s; advised operators {day.Advice.GetValueOrDefault(h.Hour)}");
    }

    [Fact]
    public void AShopDay_AnswersOfferedVisitorsWithinThePromise_AndOffersWhatErlangCSaysTheStaffCanServe()
    {
        var day = shop.Day;
        Report($"day, staff {string.Join("/", shop.Staff)}", day, shop.WallTime);

        Assert.True(day.Visitors.Count > 100, "a day with real demand");
        Assert.True(day.AnsweredShare >= 0.99, $"{day.AnsweredShare:P1} of offered visitors answered within the promise");
        Assert.True(day.OfferedOfServable >= 0.95, $"offered {day.OfferedOfServable:P1} of the demand Erlang C says the staff can serve");
        // The hub's SLA engine saw the same day: one first response per answered chat, and as many within the promise.
        Assert.Equal(day.Visitors.Count(v => v.WaitSeconds is not null), day.SlaMeasured);
        Assert.True(day.SlaMet >= 0.99 * day.Offered);
    }

    [Fact]
    public async Task AnOverloadedHour_StillKeepsThePromise_AndTheWidgetDoesNotFlap()
    {
        // Three times the rate Erlang C says 2 operators (6 slots) serve, for an hour.
        var rate = 3 * ErlangC.ArrivalRateFor(6, ShopDayFixture.Handle, 30, 0.95) * 3600;
        var scenario = ShopDayFixture.Scenario([rate], [2]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var day = await new HubDay(scenario, ShopDayFixture.Seed).RunAsync();
        Report("overload 3 λ*", day, watch.Elapsed);

        var spell = new AvailabilityOptions().MinimumBusySpell.TotalSeconds;
        Assert.True(day.Offered < 0.6 * day.Visitors.Count, "the overload is real: most visitors are pointed elsewhere");
        Assert.True(day.AnsweredShare >= 0.99, $"{day.AnsweredShare:P1} of offered visitors answered within the promise");
        Assert.True(day.ShortestBusySpell >= spell, $"shortest busy spell {day.ShortestBusySpell:0.0} s");
        // Each busy spell lasts the minimum, so flips are bounded by the hour over it (and in fact far fewer).
        Assert.InRange(day.Flips, 1, 2 * 3600 / spell);
    }

    [Fact]
    public async Task TheStaffingAdvice_FromTheDaysHistory_IsTheStaffTheDayNeeded()
    {
        // The product's advice (GET /api/reports/staffing) from what the hub recorded of the day: arrivals, refused visitors, handle times.
        var advised = Enumerable.Range(0, ShopDayFixture.Rates.Length).Select(i => shop.Day.Advice.GetValueOrDefault(9 + i)).ToList();
        Report($"day, staff {string.Join("/", shop.Staff)}, advised {string.Join("/", advised)}", shop.Day);
        Assert.All(advised.Zip(shop.Staff), p => Assert.InRange(p.First, p.Second - 1, p.Second + 1));

        // With the advised staff the day meets the target: 95 % of everyone who wanted to chat answered within the promise.
        var met = advised.SequenceEqual(shop.Staff) ? shop.Day : await RunAsync(advised, "advised");
        Assert.True(met.ServiceLevel >= 0.95, $"service level {met.ServiceLevel:P1} with the advised staff");
        // With one fewer in every hour, no hour does.
        var fewer = await RunAsync([.. advised.Select(n => n - 1)], "one fewer");
        Assert.All(fewer.Hours.Where(h => h.Visitors > 0), h => Assert.True(h.AnsweredInTime < 0.95 * h.Visitors, $"{h.Hour}:00 answered {h.AnsweredInTime} of {h.Visitors} in time"));
    }

    private async Task<HubDayResult> RunAsync(IReadOnlyList<int> staff, string label)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var day = await new HubDay(ShopDayFixture.Scenario(ShopDayFixture.Rates, staff), ShopDayFixture.Seed).RunAsync();
        Report($"{label}, staff {string.Join("/", staff)}", day, watch.Elapsed);
        return day;
    }
}
