using Omnichannel.Hub.Staffing;

namespace Omnichannel.Hub.Tests.Staffing;

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

    /// <summary>
    /// The published worked example (Call Centre Helper, "Erlang C formula – made simple"): 100 calls per 30 minutes,
    /// 180 s handle time (10 Erlangs), target 80 % within 20 s. With 11 agents a call waits 68.21 % of the time and the
    /// average speed of answer is 122.8 s; the table of agents → service level reaches 80 % at 14 agents (88.8 %).
    /// Every figure within 0.5 % (relative).
    /// </summary>
    [Theory]
    [InlineData(11, 0.6821, 0.3896, 122.8)]
    [InlineData(12, 0.4494, 0.6402, 40.4)]
    [InlineData(13, 0.2853, 0.7956, 17.1)]
    [InlineData(14, 0.1741, 0.8884, 7.8)]
    [InlineData(15, 0.1020, 0.9415, 3.67)]
    [InlineData(16, 0.0573, 0.9706, 1.72)]
    public void ServiceLevel_MatchesThePublishedTable(int agents, double waiting, double level, double averageSpeedOfAnswer)
    {
        var rate = 100.0 / 1800;
        Within(waiting, ErlangC.ProbabilityOfWaiting(agents, rate * 180), 0.005);
        Within(level, ErlangC.ServiceLevel(agents, rate, 180, 20), 0.005);
        Within(averageSpeedOfAnswer, ErlangC.MeanWait(agents, rate, 180), 0.005);
    }

    [Fact]
    public void AgentsFor_IsTheFirstStaffingThatMeetsTheTarget()
    {
        var rate = 100.0 / 1800;
        Assert.Equal(14, ErlangC.AgentsFor(rate, 180, 20, 0.80));
        Assert.Equal(16, ErlangC.AgentsFor(rate, 180, 20, 0.95));
        Assert.Equal(0, ErlangC.AgentsFor(0, 180, 20, 0.95));
    }

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

    internal static void Within(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * expected, $"expected {expected} ± {relative:P1}, got {actual}");
}
