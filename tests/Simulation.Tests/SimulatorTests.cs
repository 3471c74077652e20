using Omnichannel.Hub.Staffing;

namespace Omnichannel.Simulation.Tests;

public sealed class SimulatorTests
{
    private static Scenario Flat(double perHour, int operators, int capacity) => new()
    {
        ArrivalsPerHour = Scenario.Flat(perHour, 9, 17),
        Shifts = [.. Enumerable.Range(0, operators).Select(_ => new Shift(9, 17.25))],
        OpeningHours = "09:00-17:00",
        Capacity = capacity,
    };

    [Fact]
    public void TheSameSeed_GivesTheSameDay()
    {
        var a = new Simulator(Flat(40, 4, 1), 7).Run();
        var b = new Simulator(Flat(40, 4, 1), 7).Run();
        Assert.Equal(a.Visitors, b.Visitors);
        Assert.NotEqual(a.Visitors, new Simulator(Flat(40, 4, 1), 8).Run().Visitors);
    }

    [Fact]
    public void NoOperators_MeansNobodyIsOfferedChat_AndNothingIsQueued()
    {
        var day = new Simulator(Flat(30, 0, 3), 1).Run();
        Assert.NotEmpty(day.Visitors);
        Assert.All(day.Visitors, v => Assert.False(v.Offered));
    }

    [Fact]
    public void VisitorsOutsideOpeningHours_AreNotOfferedChat()
    {
        var scenario = Flat(30, 2, 3) with { ArrivalsPerHour = Scenario.Flat(30, 7, 17) };
        var day = new Simulator(scenario, 1).Run();
        Assert.All(day.Visitors.Where(v => v.ArrivedAt < 9 * 3600), v => Assert.False(v.Offered));
        Assert.Contains(day.Visitors, v => v.Offered);
    }

    [Fact]
    public void AtTheErlangCRate_TheHubAnswers95PercentOfOfferedChatsWithin30s()
    {
        var rate = ErlangC.ArrivalRateFor(4, 180, 30, 0.95) * 3600;
        var visitors = Enumerable.Range(0, 5).SelectMany(d => new Simulator(Flat(rate, 4, 1), 1_000 + d).Run().Visitors).ToList();
        var offered = visitors.Where(v => v.Offered).ToList();
        Assert.True(offered.Count > visitors.Count / 2);
        Assert.True(offered.Count(v => v.WaitSeconds <= 30) >= 0.95 * offered.Count);
    }
}
