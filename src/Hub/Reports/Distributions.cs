using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Reports;

/// <summary>A duration of one conversation on one channel (a first response, a resolution): what a distribution counts.</summary>
public sealed class Timed
{
    public ChannelKind Channel { get; init; }
    public double Seconds { get; init; }
}

/// <summary>One channel's distribution: count, nearest-rank percentiles and the histogram of <see cref="ReportMath.Histogram"/>.</summary>
public sealed record Distribution(ChannelKind Channel, int Count, double P50, double P90, double P99, IReadOnlyList<HistogramBucket> Histogram);

/// <summary>
/// Counts in the database: one grouped pass for the counts and histogram buckets, then each percentile as the row at
/// its rank of the channel's values in order (an ordered index walk where the source has one).
/// </summary>
public static class Distributions
{
    public static async Task<List<Distribution>> PerChannelAsync(IQueryable<Timed> values, CancellationToken cancellationToken)
    {
        var buckets = await values
            .GroupBy(t => new
            {
                t.Channel,
                Bucket = t.Seconds <= 10 ? 0 : t.Seconds <= 20 ? 1 : t.Seconds <= 30 ? 2 : t.Seconds <= 60 ? 3
                    : t.Seconds <= 300 ? 4 : t.Seconds <= 900 ? 5 : t.Seconds <= 3600 ? 6 : t.Seconds <= 14400 ? 7
                    : t.Seconds <= 86400 ? 8 : 9,
            })
            .Select(g => new { g.Key.Channel, g.Key.Bucket, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var result = new List<Distribution>();
        foreach (var channel in buckets.Select(b => b.Channel).Distinct().Order())
        {
            var count = buckets.Where(b => b.Channel == channel).Sum(b => b.Count);
            var ordered = values.Where(t => t.Channel == channel).OrderBy(t => t.Seconds).Select(t => t.Seconds);
            async Task<double> Percentile(double q) => await ordered.Skip(ReportMath.NearestRank(q, count) - 1).FirstAsync(cancellationToken);
            result.Add(new Distribution(channel, count, await Percentile(0.5), await Percentile(0.9), await Percentile(0.99),
                [.. ReportMath.Histogram.Select((edge, i) => new HistogramBucket(edge.Label, edge.UpTo,
                    buckets.Where(b => b.Channel == channel && b.Bucket == i).Sum(b => b.Count)))]));
        }
        return result;
    }
}
