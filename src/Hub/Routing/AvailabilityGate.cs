namespace Omnichannel.Hub.Routing;

/// <summary>Bound from <c>Availability</c>: how sure the hub must be before it offers live chat.</summary>
public sealed class AvailabilityOptions
{
    public const string Section = "Availability";

    /// <summary>Offer chat only when a new visitor is answered within the promise with at least this probability.</summary>
    public double Target { get; set; } = 0.95;

    /// <summary>Once busy, reopen to a queue (no free slot) only when the probability is at least Target + this margin …</summary>
    public double ReopenMargin { get; set; } = 0.02;

    /// <summary>… and the busy spell has lasted this long, so the launcher does not flap.</summary>
    public TimeSpan MinimumBusySpell { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many chats the configured default handle time is worth before any are measured.</summary>
    public double PriorWeight { get; set; } = 3;

    /// <summary>The measured handle times come from this many recent closed chats …</summary>
    public int Window { get; set; } = 500;

    /// <summary>… of which those in the same hour of the day count once there are at least this many.</summary>
    public int HourlyMinimum { get; set; } = 20;
}

/// <summary>Everything the gate looks at. Narrow on purpose: the caller gathers it, the gate decides.</summary>
public sealed record GateInput(
    bool Open, LiveCapacity Capacity, HandleTimeEstimate Handle, TimeSpan AcceptTime, TimeSpan Promise,
    WidgetAvailability? Previous = null, DateTime? PreviousSince = null, DateTime Now = default)
{
    /// <summary>
    /// How long each taken slot has been held (accepted chats since their accept, pending offers 0). With these and the
    /// estimate's <see cref="HandleTimeEstimate.Belief"/> the gate uses residual times; without them, exponential ones.
    /// </summary>
    public IReadOnlyList<TimeSpan>? Busy { get; init; }
}

/// <param name="Probability">That a visitor admitted now is answered within the promise.</param>
/// <param name="PredictedWait">The wait the visitor is told: answered within it with the target probability; null when nobody can answer.</param>
/// <param name="HeldUntil">Busy only because of the minimum spell: recompute then.</param>
public sealed record GateDecision(WidgetAvailability State, double Probability, TimeSpan? PredictedWait, DateTime? HeldUntil = null);

/// <summary>
/// Pure: admit a new live chat only when it is answered within the promise with at least the target probability.
/// A visitor at queue position p (p − 1 chats before it once every free slot is taken) is answered when p of the N busy
/// slots finish. Slots finish at rate N·μ (exponential residual times, as Erlang C); with μ uncertain (Gamma belief,
/// <see cref="HandleTimeEstimate"/>) the number finished within t is negative binomial, so
/// P(answer within t) = P(NB(α, β / (β + N·t)) ≥ p). The predicted wait shown is the same model's target quantile.
/// When the slots' elapsed times are known (<see cref="GateInput.Busy"/>) and the handle time is believed log-normal
/// (<see cref="Staffing.HandleTimeBelief"/>), the gate uses residual times instead: slot i ends within t with
/// 1 − S(eᵢ + t) / S(eᵢ), and the visitor at position p is answered when p of them have (a Poisson-binomial tail; a slot
/// freeing twice within the promise is not counted, which errs on the side of the promise). A chat near its typical
/// length is about to end, one just begun is not — what a mean, or memoryless exponential times, cannot see.
/// Hysteresis: a busy widget stays busy for <see cref="AvailabilityOptions.MinimumBusySpell"/>, free slot or not, and
/// then reopens to a queue only with <see cref="AvailabilityOptions.ReopenMargin"/> to spare.
/// </summary>
public static class AvailabilityGate
{
    public static GateDecision Decide(GateInput input, AvailabilityOptions options)
    {
        if (!input.Open)
            return new(WidgetAvailability.Closed, 0, null);
        var capacity = input.Capacity;
        if (capacity.TotalSlots <= 0)
            return new(WidgetAvailability.Busy, 0, null);
        var position = capacity.Queued - capacity.FreeSlots + 1;
        var busy = input.Busy is { } known && input.Handle.Belief is not null && position > 0 && position <= Taken(capacity)
            ? Residual(known, capacity) : null;
        var probability = busy is null
            ? ProbabilityWithin(position, capacity.TotalSlots, input.Handle, input.Promise - input.AcceptTime)
            : input.Handle.Belief!.AtLeastEndWithin(position, busy, (input.Promise - input.AcceptTime).TotalSeconds);
        var wait = input.AcceptTime + (busy is null
            ? WaitQuantile(position, capacity.TotalSlots, input.Handle, options.Target)
            : ResidualWaitQuantile(position, busy, input.Handle.Belief!, options.Target));
        if (WidgetStateRules.Decide(true, wait, input.Promise) == WidgetAvailability.Busy || probability < options.Target)
            return new(WidgetAvailability.Busy, probability, wait);
        if (input.Previous != WidgetAvailability.Busy)
            return new(WidgetAvailability.Available, probability, wait);
        // Hysteresis: a busy widget reopens to a queue only with room to spare, and not before its minimum spell is over.
        if (position > 0 && probability < Math.Min(1, options.Target + options.ReopenMargin))
            return new(WidgetAvailability.Busy, probability, wait);
        var heldUntil = (input.PreviousSince ?? input.Now) + options.MinimumBusySpell;
        return input.Now < heldUntil
            ? new(WidgetAvailability.Busy, probability, wait, heldUntil)
            : new(WidgetAvailability.Available, probability, wait);
    }

    /// <summary>P(at least <paramref name="position"/> of <paramref name="slots"/> busy slots finish within <paramref name="budget"/>).</summary>
    public static double ProbabilityWithin(int position, int slots, HandleTimeEstimate handle, TimeSpan budget)
    {
        if (position <= 0)
            return budget >= TimeSpan.Zero ? 1 : 0;
        if (budget <= TimeSpan.Zero || slots <= 0)
            return 0;
        // K ~ NegativeBinomial(r = α, success = q), q = β / (β + N·t): P(K = 0) = q^α, P(K = k+1) = P(K = k)·(k + α)/(k + 1)·(1 − q).
        var q = handle.TotalSeconds / (handle.TotalSeconds + slots * budget.TotalSeconds);
        var term = Math.Exp(handle.Shape * Math.Log(q));
        var below = 0.0;
        for (var k = 0; k < position; k++)
        {
            below += term;
            term *= (k + handle.Shape) / (k + 1) * (1 - q);
        }
        return Math.Clamp(1 - below, 0, 1);
    }

    private static int Taken(LiveCapacity capacity) => capacity.TotalSlots - capacity.FreeSlots;

    /// <summary>The elapsed seconds of the taken slots: the freshest ones when more are known than taken (the cautious side), 0 for unknown ones.</summary>
    private static List<double> Residual(IReadOnlyList<TimeSpan> known, LiveCapacity capacity)
    {
        var elapsed = known.Select(e => Math.Max(0, e.TotalSeconds)).Order().Take(Taken(capacity)).ToList();
        while (elapsed.Count < Taken(capacity))
            elapsed.Insert(0, 0);
        return elapsed;
    }

    /// <summary>The shortest wait within which <paramref name="position"/> of the busy slots have ended with probability <paramref name="level"/>.</summary>
    public static TimeSpan ResidualWaitQuantile(int position, IReadOnlyList<double> busy, Staffing.HandleTimeBelief belief, double level)
    {
        if (position <= 0)
            return TimeSpan.Zero;
        double low = 0, high = 60;
        while (belief.AtLeastEndWithin(position, busy, high) < level && high < 365 * 86400.0)
            high *= 2;
        for (var i = 0; i < 50 && high - low > 0.01; i++)
        {
            var mid = (low + high) / 2;
            if (belief.AtLeastEndWithin(position, busy, mid) >= level)
                high = mid;
            else
                low = mid;
        }
        return TimeSpan.FromSeconds(high);
    }

    /// <summary>The shortest wait within which the visitor is answered with probability <paramref name="level"/>.</summary>
    public static TimeSpan WaitQuantile(int position, int slots, HandleTimeEstimate handle, double level)
    {
        if (position <= 0)
            return TimeSpan.Zero;
        double low = 0, high = 60;
        while (ProbabilityWithin(position, slots, handle, TimeSpan.FromSeconds(high)) < level && high < 365 * 86400.0)
            high *= 2;
        for (var i = 0; i < 50 && high - low > 0.01; i++)
        {
            var mid = (low + high) / 2;
            if (ProbabilityWithin(position, slots, handle, TimeSpan.FromSeconds(mid)) >= level)
                high = mid;
            else
                low = mid;
        }
        return TimeSpan.FromSeconds(high);
    }
}
