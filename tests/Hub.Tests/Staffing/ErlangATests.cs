using Omnichannel.Hub.Staffing;

namespace Omnichannel.Hub.Tests.Staffing;

public sealed class ErlangATests
{
    [Theory]
    [InlineData(11, 100.0 / 1800, 180, 20)]
    [InlineData(3, 63.0 / 3600, 64, 30)]
    public void WithoutAbandonment_ItIsErlangC(int agents, double rate, double handle, double target)
    {
        var a = ErlangA.Evaluate(agents, rate, handle, double.PositiveInfinity, target);
        Assert.Equal(ErlangC.ProbabilityOfWaiting(agents, rate * handle), a.ProbabilityOfWaiting, 6);
        Assert.Equal(ErlangC.ServiceLevel(agents, rate, handle, target), a.ServiceLevel, 6);
        Assert.Equal(0, a.ProbabilityOfAbandoning);
    }

    [Fact]
    public void WhenPatienceEqualsHandleTime_TheSystemIsAnInfiniteServerQueue()
    {
        // θ = μ: the number in the system is Poisson(A), as in M/M/∞. With A = 4 and 3 agents:
        // P(wait) = P(K ≥ 3), P(abandon) = E[(K − 3)+] / A.
        const double traffic = 4;
        double Poisson(int k) => Math.Exp(-traffic) * Math.Pow(traffic, k) / Enumerable.Range(1, k).Aggregate(1.0, (p, i) => p * i);
        var waiting = 1 - Enumerable.Range(0, 3).Sum(Poisson);
        var excess = Enumerable.Range(4, 80).Sum(k => (k - 3) * Poisson(k));
        var a = ErlangA.Evaluate(3, traffic / 100, 100, 100, 20);
        Assert.Equal(waiting, a.ProbabilityOfWaiting, 9);
        Assert.Equal(excess / traffic, a.ProbabilityOfAbandoning, 9);
    }

    [Fact]
    public void ServiceLevel_IsTheOfferedWaitFromTheClosedFormOfEachQueuePosition()
    {
        // One agent, μ = 1/100, θ = 1/50, λ = 1/200: state k has weight Π λ / (μ + (i−1)θ); an arrival finding j ahead
        // waits through stages with rates μ + jθ, …, μ + θ, μ (distinct), whose CDF is the hypoexponential closed form.
        double lambda = 1.0 / 200, mu = 1.0 / 100, theta = 1.0 / 50, t = 30;
        var weights = new List<double> { 1, lambda / mu };
        for (var k = 2; weights[^1] > 1e-16; k++)
            weights.Add(weights[^1] * lambda / (mu + (k - 1) * theta));
        double Within(int ahead)
        {
            var rates = Enumerable.Range(0, ahead + 1).Select(i => mu + i * theta).ToArray();
            var tail = rates.Select((r, i) => rates.Where((_, k) => k != i).Aggregate(1.0, (p, q) => p * q / (q - r)) * Math.Exp(-r * t)).Sum();
            return 1 - tail;
        }
        var expected = (weights[0] + weights.Skip(1).Select((w, j) => w * Within(j)).Sum()) / weights.Sum();
        var a = ErlangA.Evaluate(1, lambda, 100, 50, t);
        Assert.Equal(expected, a.ServiceLevel, 9);
        Assert.True(a.ServiceLevel > ErlangC.ServiceLevel(1, lambda, 100, t), "visitors who give up shorten the wait of those behind");
    }

    [Fact]
    public void AgentsFor_NeedsNoMoreThanErlangC()
    {
        var rate = 100.0 / 1800;
        Assert.Equal(ErlangC.AgentsFor(rate, 180, 20, 0.95), ErlangA.AgentsFor(rate, 180, double.PositiveInfinity, 20, 0.95));
        Assert.InRange(ErlangA.AgentsFor(rate, 180, 60, 20, 0.95), 1, ErlangC.AgentsFor(rate, 180, 20, 0.95));
    }
}
