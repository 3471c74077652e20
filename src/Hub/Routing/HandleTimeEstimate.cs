namespace Omnichannel.Hub.Routing;

/// <summary>
/// What the hub knows about how long a live chat holds an operator's slot (accept → close), with its uncertainty.
/// Handle times are taken as exponential with an unknown rate μ; the belief about μ is Gamma(Shape, Scale⁻¹) — a prior
/// worth <c>priorWeight</c> chats at the prior mean, updated by the observed chats. Few samples → a wide belief → the
/// gate is cautious; many samples → it converges on the measured mean.
/// </summary>
/// <param name="Shape">α: prior weight + number of observed chats.</param>
/// <param name="TotalSeconds">β: prior weight × prior mean + sum of observed handle times (seconds).</param>
public sealed record HandleTimeEstimate(double Shape, double TotalSeconds)
{
    /// <summary>The estimate's mean handle time (β / α).</summary>
    public double MeanSeconds => TotalSeconds / Shape;

    public int Samples { get; init; }

    /// <summary>The same chats seen as a log-normal distribution, for residual times (<see cref="Staffing.HandleTimeBelief"/>); null: exponential only.</summary>
    public Staffing.HandleTimeBelief? Belief { get; init; }

    public static HandleTimeEstimate From(TimeSpan priorMean, double priorWeight, IReadOnlyCollection<double> observedSeconds) =>
        new(priorWeight + observedSeconds.Count, priorWeight * priorMean.TotalSeconds + observedSeconds.Sum())
        {
            Samples = observedSeconds.Count,
            Belief = Staffing.HandleTimeBelief.From(priorMean, priorWeight, observedSeconds),
        };

    /// <summary>A belief as sure as <paramref name="weight"/> observations of exactly this mean (tests, what-if).</summary>
    public static HandleTimeEstimate Known(TimeSpan mean, double weight = 1e9) => new(weight, weight * mean.TotalSeconds);
}
