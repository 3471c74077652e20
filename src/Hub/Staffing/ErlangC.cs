namespace Omnichannel.Hub.Staffing;

/// <summary>
/// Erlang C (M/M/N): Poisson arrivals, exponential handle times, N slots each handling one conversation at a time,
/// and every arrival waits in one queue (nobody is turned away, nobody gives up). One implementation for the hub's
/// staffing advice and the simulator.
/// </summary>
public static class ErlangC
{
    /// <summary>Probability that an arrival has to wait at all. <paramref name="traffic"/> = arrival rate × mean handle time (Erlangs).</summary>
    public static double ProbabilityOfWaiting(int agents, double traffic)
    {
        if (agents <= 0 || traffic >= agents)
            return 1;
        if (traffic <= 0)
            return 0;
        var b = ErlangB(agents, traffic);
        return agents * b / (agents - traffic * (1 - b));
    }

    /// <summary>Erlang B blocking probability by its stable recursion (no factorials, no overflow).</summary>
    public static double ErlangB(int agents, double traffic)
    {
        var b = 1.0;
        for (var k = 1; k <= agents; k++)
            b = traffic * b / (k + traffic * b);
        return b;
    }

    /// <summary>Probability of being answered within <paramref name="target"/> seconds.</summary>
    public static double ServiceLevel(int agents, double arrivalsPerSecond, double handleSeconds, double target)
    {
        var traffic = arrivalsPerSecond * handleSeconds;
        if (traffic >= agents)
            return 0;
        return 1 - ProbabilityOfWaiting(agents, traffic) * Math.Exp(-(agents - traffic) * target / handleSeconds);
    }

    /// <summary>Mean wait (average speed of answer) in seconds; infinity when the queue grows without bound.</summary>
    public static double MeanWait(int agents, double arrivalsPerSecond, double handleSeconds)
    {
        var traffic = arrivalsPerSecond * handleSeconds;
        return traffic >= agents ? double.PositiveInfinity : ProbabilityOfWaiting(agents, traffic) * handleSeconds / (agents - traffic);
    }

    /// <summary>The fewest slots that answer <paramref name="level"/> of arrivals within <paramref name="target"/> seconds (0 without arrivals).</summary>
    public static int AgentsFor(double arrivalsPerSecond, double handleSeconds, double target, double level)
    {
        if (arrivalsPerSecond <= 0)
            return 0;
        var agents = Math.Max(1, (int)Math.Floor(arrivalsPerSecond * handleSeconds));
        while (ServiceLevel(agents, arrivalsPerSecond, handleSeconds, target) < level)
            agents++;
        return agents;
    }

    /// <summary>The highest arrival rate (per second) at which <paramref name="agents"/> still answer <paramref name="level"/> within <paramref name="target"/> s.</summary>
    public static double ArrivalRateFor(int agents, double handleSeconds, double target, double level)
    {
        double low = 0, high = agents / handleSeconds;
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            if (ServiceLevel(agents, mid, handleSeconds, target) >= level)
                low = mid;
            else
                high = mid;
        }
        return low;
    }
}
