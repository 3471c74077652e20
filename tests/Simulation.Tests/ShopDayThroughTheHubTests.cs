using Omnichannel.Hub.Staffing;
using Omnichannel.Simulation.ThroughTheHub;
using Xunit.Abstractions;

namespace Omnichannel.Simulation.Tests;

public sealed class ShopDayThroughTheHubTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        var rate = ErlangC.ArrivalRateFor(3, 64, 30, 0.95) * 3600 * double.Parse(Environment.GetEnvironmentVariable("SIM_SCALE") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var scenario = new Scenario
        {
            ArrivalsPerHour = Scenario.Flat(rate, 9, 9 + int.Parse(Environment.GetEnvironmentVariable("SIM_HOURS") ?? "1")),
            Shifts = [new Shift(9, 11.5), new Shift(9, 11.5), new Shift(9, 11.5)],
            OpeningHours = "09:00-11:00",
            Capacity = 1,
            HandleMeanSeconds = 64,
            Handle = Environment.GetEnvironmentVariable("SIM_DIST") == "exp" ? HandleDistribution.Exponential : HandleDistribution.LogNormal,
            HandleSigma = double.Parse(Environment.GetEnvironmentVariable("SIM_SIGMA") ?? "0.8", System.Globalization.CultureInfo.InvariantCulture),
            Routing = new() { DefaultHandleTime = TimeSpan.FromSeconds(64) },
        };
        var started = DateTime.UtcNow;
        var sim = new HubDay(scenario, 1);
        var day = await sim.RunAsync();
        output.WriteLine(string.Join(", ", sim.Timing) + " | " + string.Join(", ", sim.TimingBy.Select(kv => kv.Key + "=" + kv.Value.ToString("0.0"))));
        output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s wall; visitors {day.Visitors.Count} offered {day.Offered} answered in time {day.AnsweredInTime} ({day.AnsweredShare:P1}); servable {day.Servable:0.0} offered/servable {day.OfferedOfServable:P1}; SLA {day.SlaMet}/{day.SlaMeasured} breaches {day.Breaches}; flips {day.Flips} shortest {day.ShortestSpell:0.0}; expired {day.ExpiredOffers} declined {day.DeclinedOffers} missed {day.MissedOffers}");
        foreach (var h in day.Hours)
            output.WriteLine(h.ToString());
        Assert.NotEmpty(day.Visitors);
    }
}
