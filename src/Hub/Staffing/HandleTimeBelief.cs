namespace Omnichannel.Hub.Staffing;

/// <summary>
/// What the hub believes about how long a live chat holds a slot, as a distribution rather than a mean: handle times are
/// log-normal with unknown log-mean and log-spread (Normal–inverse-χ² belief: a prior worth <c>priorWeight</c> chats at the
/// configured default, updated by the measured chats). The predictive is the log-normal with the belief's Student-t
/// variance, so few samples give a wide, cautious distribution and many converge on the measured one. Used for residual
/// times: a chat that has already run <c>e</c> seconds ends within <c>b</c> more with 1 − S(e + b) / S(e).
/// </summary>
/// <param name="LogMean">μ of ln(handle seconds).</param>
/// <param name="LogSigma">σ of ln(handle seconds), uncertainty included.</param>
public sealed record HandleTimeBelief(double LogMean, double LogSigma, int Samples)
{
    /// <summary>The prior's log-spread: about that of exponential handle times (π/√6 ≈ 1.28 would be exactly that), so the default assumes little.</summary>
    public const double PriorLogSigma = 1.0;

    public double MeanSeconds => Math.Exp(LogMean + LogSigma * LogSigma / 2);

    public static HandleTimeBelief From(TimeSpan priorMean, double priorWeight, IReadOnlyCollection<double> observedSeconds)
    {
        var logs = observedSeconds.Select(s => Math.Log(Math.Max(1, s))).ToList();
        double k0 = Math.Max(0.5, priorWeight), s0 = PriorLogSigma, m0 = Math.Log(Math.Max(1, priorMean.TotalSeconds)) - s0 * s0 / 2;
        var n = logs.Count;
        var mean = n == 0 ? m0 : logs.Average();
        var squares = logs.Sum(x => (x - mean) * (x - mean));
        var kn = k0 + n;
        var mn = (k0 * m0 + n * mean) / kn;
        var nu = k0 + n;
        var variance = (k0 * s0 * s0 + squares + k0 * n / kn * (mean - m0) * (mean - m0)) / nu;
        // Predictive: Student-t with ν degrees of freedom and scale² = variance (1 + 1/κ); its variance inflates by ν / (ν − 2).
        var inflation = nu > 3 ? nu / (nu - 2) : 3;
        return new HandleTimeBelief(mn, Math.Sqrt(variance * (1 + 1 / kn) * inflation), n);
    }

    /// <summary>P(handle time &gt; <paramref name="seconds"/>).</summary>
    public double Survival(double seconds) =>
        seconds <= 0 ? 1 : 0.5 * Erfc((Math.Log(seconds) - LogMean) / (LogSigma * Math.Sqrt(2)));

    /// <summary>P(a chat that has run <paramref name="elapsed"/> s ends within <paramref name="budget"/> s more).</summary>
    public double EndsWithin(double elapsed, double budget)
    {
        if (budget <= 0)
            return 0;
        var alive = Survival(Math.Max(0, elapsed));
        if (alive < 1e-300)
            return 1;
        return Math.Clamp(1 - Survival(Math.Max(0, elapsed) + budget) / alive, 0, 1);
    }

    /// <summary>P(at least <paramref name="needed"/> of the chats with these elapsed times end within <paramref name="budget"/> s): a Poisson-binomial tail.</summary>
    public double AtLeastEndWithin(int needed, IReadOnlyList<double> elapsed, double budget)
    {
        if (needed <= 0)
            return 1;
        if (needed > elapsed.Count)
            return 0;
        var count = new double[elapsed.Count + 1];
        count[0] = 1;
        for (var i = 0; i < elapsed.Count; i++)
        {
            var q = EndsWithin(elapsed[i], budget);
            for (var k = i + 1; k >= 1; k--)
                count[k] = count[k] * (1 - q) + count[k - 1] * q;
            count[0] *= 1 - q;
        }
        return Math.Clamp(count.Skip(needed).Sum(), 0, 1);
    }

    /// <summary>Complementary error function (Numerical Recipes' erfcc: relative error below 1.2e-7 everywhere, tails included).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
