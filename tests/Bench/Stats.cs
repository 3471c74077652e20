namespace Omnichannel.Bench;

public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Where(s => !double.IsNaN(s)).ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
