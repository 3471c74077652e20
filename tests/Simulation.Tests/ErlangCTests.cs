namespace Omnichannel.Simulation.Tests;

public sealed class ErlangCTests
{
    [Theory]
    // M/M/1: the probability of waiting is the utilisation.
    [InlineData(1, 0.5, 0.5)]
    // M/M/2 with 1 Erlang: (1/2 · 2) / (1 + 1 + 1) = 1/3.
    [InlineData(2, 1.0, 1.0 / 3)]
    // M/M/3 with 2 Erlangs: (8/6 · 3) / (1 + 2 + 2 + 4) = 4/9.
    [InlineData(3, 2.0, 4.0 / 9)]
    // The textbook call-centre example: 10 Erlangs on 11 agents waits 68.2 % of the time.
    [InlineData(11, 10.0, 0.6821)]
    public void ProbabilityOfWaiting_MatchesKnownValues(int agents, double traffic, double expected) =>
        Assert.Equal(expected, ErlangC.ProbabilityOfWaiting(agents, traffic), 4);

    [Fact]
    public void ServiceLevelAndMeanWait_FollowFromTheProbabilityOfWaiting()
    {
        // 2 agents, 1 Erlang (λ = 1/180 per s, 180 s handle): P(W ≤ 30) = 1 − 1/3 · e^(−1·30/180); ASA = 1/3 · 180 / 1 = 60 s.
        Assert.Equal(1 - Math.Exp(-30.0 / 180) / 3, ErlangC.ServiceLevel(2, 1.0 / 180, 180, 30), 10);
        Assert.Equal(60, ErlangC.MeanWait(2, 1.0 / 180, 180), 10);
        Assert.Equal(0, ErlangC.ServiceLevel(2, 2.0 / 180, 180, 30));
        Assert.True(double.IsPositiveInfinity(ErlangC.MeanWait(2, 2.0 / 180, 180)));
    }

    [Fact]
    public void ArrivalRateFor_IsTheRateThatJustMeetsTheServiceLevel()
    {
        var rate = ErlangC.ArrivalRateFor(4, 180, 30, 0.95);
        Assert.Equal(0.95, ErlangC.ServiceLevel(4, rate, 180, 30), 6);
        Assert.InRange(rate * 3600, 29, 31);
    }
}
