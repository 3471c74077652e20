namespace Omnichannel.Hub.Reports;

/// <summary>Pure helpers shared by the reports.</summary>
public static class ReportMath
{
    /// <summary>The response-time histogram's buckets (the SQL in <see cref="ReportQueries"/> uses the same edges, in order).</summary>
    public static readonly IReadOnlyList<(string Label, double? UpTo)> Histogram =
    [
        ("≤ 10 s", 10), ("≤ 20 s", 20), ("≤ 30 s", 30), ("≤ 1 min", 60), ("≤ 5 min", 300), ("≤ 15 min", 900),
        ("≤ 1 h", 3600), ("≤ 4 h", 14400), ("≤ 1 day", 86400), ("> 1 day", null),
    ];

    /// <summary>Nearest-rank percentile: the value at 1-based rank ⌈q·n⌉ of the sorted values.</summary>
    public static int NearestRank(double q, int count) => Math.Clamp((int)Math.Ceiling(q * count - 1e-9), 1, count);

    public static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
