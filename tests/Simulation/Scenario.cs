using Omnichannel.Hub.Routing;

namespace Omnichannel.Simulation;

public enum HandleDistribution
{
    Exponential,
    LogNormal,
}

/// <summary>One operator's working hours in the day (hours from midnight, may be fractional).</summary>
public sealed record Shift(double StartHour, double EndHour)
{
    public bool Covers(double hour) => hour >= StartHour && hour < EndHour;
    public override string ToString() => $"{Clock(StartHour)}-{Clock(EndHour)}";

    private static string Clock(double hour) => TimeSpan.FromHours(hour).ToString(@"hh\:mm");
}

/// <summary>Everything a simulated shop day needs. Times in seconds unless named otherwise.</summary>
public sealed record Scenario
{
    /// <summary>Visitors who would like to chat, per hour of the day (24 entries; Poisson within each hour).</summary>
    public required double[] ArrivalsPerHour { get; init; }

    /// <summary>One shift per operator.</summary>
    public required IReadOnlyList<Shift> Shifts { get; init; }

    /// <summary>Concurrent web chats per operator (the hub's live capacity).</summary>
    public int Capacity { get; init; } = 3;

    /// <summary>Opening hours "HH:mm-HH:mm" every day, read by the hub's real <see cref="OpeningHours"/>.</summary>
    public string OpeningHours { get; init; } = "08:00-20:00";

    public double HandleMeanSeconds { get; init; } = 180;
    public HandleDistribution Handle { get; init; } = HandleDistribution.Exponential;
    /// <summary>σ of the log for log-normal handle times.</summary>
    public double HandleSigma { get; init; } = 0.8;

    /// <summary>Mean time an operator takes to accept an offer (log-normal, σ 0.6).</summary>
    public double AcceptMeanSeconds { get; init; } = 4;
    /// <summary>Share of offers nobody looks at (operator away from the desk): they expire.</summary>
    public double MissProbability { get; init; } = 0.02;
    /// <summary>Share of offers declined (after the accept delay).</summary>
    public double DeclineProbability { get; init; } = 0.01;

    /// <summary>Mean time a visitor waits beyond the promise before leaving (exponential; the widget told them the promise).</summary>
    public double PatienceSeconds { get; init; } = 60;

    public int Days { get; init; } = 1;
    public int Seed { get; init; } = 1;

    /// <summary>The hub's routing settings (offer timeouts, ladder, promise, accept time, default handle time).</summary>
    public RoutingOptions Routing { get; init; } = new();

    /// <summary>The web chat gate's settings (target probability, hysteresis, learning).</summary>
    public AvailabilityOptions Availability { get; init; } = new();

    public int Operators => Shifts.Count;

    /// <summary>A shop's day: quiet morning, busy lunch and afternoon, open 08-20.</summary>
    public static double[] ShopProfile(double scale = 1)
    {
        var perHour = new double[24];
        double[] open = [20, 35, 50, 65, 80, 90, 85, 75, 70, 60, 45, 30];
        for (var h = 0; h < open.Length; h++)
            perHour[8 + h] = open[h] * scale;
        return perHour;
    }

    /// <summary>The same rate in every open hour.</summary>
    public static double[] Flat(double perHour, int openHour, int closeHour)
    {
        var rates = new double[24];
        for (var h = openHour; h < closeHour; h++)
            rates[h] = perHour;
        return rates;
    }

    /// <summary>Half the operators on an early shift (08:00-16:00), half on a late one (12:00-20:15, finishing the last chats).</summary>
    public static List<Shift> Staggered(int operators) =>
        [.. Enumerable.Range(0, operators).Select(i => i % 2 == 0 ? new Shift(8, 16) : new Shift(12, 20.25))];
}
