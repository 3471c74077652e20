namespace Omnichannel.Hub.Staffing;

/// <summary>What Erlang A predicts for one staffing level.</summary>
/// <param name="ProbabilityOfWaiting">An arrival finds every slot taken.</param>
/// <param name="ServiceLevel">An arrival's offered wait (the wait it would have if it stayed) is within the target.</param>
/// <param name="ProbabilityOfAbandoning">An arrival gives up before it is answered.</param>
public sealed record ErlangAResult(double ProbabilityOfWaiting, double ServiceLevel, double ProbabilityOfAbandoning);

/// <summary>
/// Erlang A (M/M/N+M, Palm's model): Erlang C where waiting visitors give up after an exponential patience with mean
/// <c>patienceSeconds</c>. Solved on the birth–death chain of the number in the system (truncated where its mass is
/// negligible); the offered wait of an arrival that finds j waiting ahead is a sum of exponential stages with rates
/// N·μ + i·θ (i = j … 0), evaluated for every j at once by uniformisation.
/// </summary>
public static class ErlangA
{
    public static ErlangAResult Evaluate(int agents, double arrivalsPerSecond, double handleSeconds, double patienceSeconds, double target)
    {
        if (arrivalsPerSecond <= 0)
            return new(0, 1, 0);
        if (agents <= 0)
            return new(1, 0, 1);
        var mu = 1 / handleSeconds;
        var theta = patienceSeconds > 0 && double.IsFinite(patienceSeconds) ? 1 / patienceSeconds : 0;
        var states = Stationary(agents, arrivalsPerSecond, mu, theta);
        var waiting = states.Skip(agents).Sum();
        var queued = states.Select((p, k) => p * Math.Max(0, k - agents)).Sum();
        var withinTarget = OfferedWaitWithin(agents, mu, theta, states.Length - agents, target);
        var level = states.Take(agents).Sum() + states.Skip(agents).Select((p, j) => p * withinTarget[j]).Sum();
        return new(waiting, level, theta * queued / arrivalsPerSecond);
    }

    /// <summary>The fewest slots whose service level reaches <paramref name="level"/> (0 without arrivals).</summary>
    public static int AgentsFor(double arrivalsPerSecond, double handleSeconds, double patienceSeconds, double target, double level)
    {
        if (arrivalsPerSecond <= 0)
            return 0;
        var agents = 1;
        while (Evaluate(agents, arrivalsPerSecond, handleSeconds, patienceSeconds, target).ServiceLevel < level)
            agents++;
        return agents;
    }

    /// <summary>Stationary distribution of the number in the system, truncated once the tail is below 1e-12.</summary>
    private static double[] Stationary(int agents, double lambda, double mu, double theta)
    {
        var weights = new List<double> { 1 };
        double total = 1, current = 1;
        for (var k = 1; k < 100_000; k++)
        {
            var death = Math.Min(k, agents) * mu + Math.Max(0, k - agents) * theta;
            current *= lambda / death;
            weights.Add(current);
            total += current;
            if (k > agents && current < 1e-12 * total && lambda < death)
                break;
            if (total > 1e200)
            {
                for (var i = 0; i < weights.Count; i++)
                    weights[i] /= total;
                current /= total;
                total = 1;
            }
        }
        return [.. weights.Select(w => w / total)];
    }

    /// <summary>P(offered wait ≤ t) for an arrival with j = 0 … count − 1 waiting ahead of it.</summary>
    private static double[] OfferedWaitWithin(int agents, double mu, double theta, int count, double t)
    {
        // Stage i (i ahead) ends at rate r_i = N·μ + i·θ; absorbed once stage 0 ends. Uniformise at Λ = max r_i.
        var rate = agents * mu + (count - 1) * theta;
        var absorbed = new double[count];
        var result = new double[count];
        var x = rate * t;
        var poisson = Math.Exp(-x);
        var cumulative = poisson;
        // m = 0 steps: nobody absorbed yet, contributes nothing.
        for (var m = 1; cumulative < 1 - 1e-13 && m < 1_000_000; m++)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                var leave = (agents * mu + i * theta) / rate;
                var next = i == 0 ? 1 : absorbed[i - 1];
                absorbed[i] = leave * next + (1 - leave) * absorbed[i];
            }
            poisson *= x / m;
            if (poisson == 0 && m > x)
                break;
            cumulative += poisson;
            for (var i = 0; i < count; i++)
                result[i] += poisson * absorbed[i];
        }
        return result;
    }
}
