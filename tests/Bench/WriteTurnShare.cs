using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Omnichannel.Bench;

/// <summary>
/// How long SQLite's single writer was held, by holder, over a window: the hub's <c>omnichannel.flow.turn_held</c> sums
/// read from /metrics (with the bench's scrape token) before and after. Its share of the window is the writer's busy
/// share — near 100 % the write turn, not the CPU, is the limit. PostgreSQL takes no turns: nothing to show.
/// </summary>
public sealed record WriteTurnSample(IReadOnlyDictionary<string, double> HeldMs, long Timestamp)
{
    private const string Held = "omnichannel_flow_turn_held_milliseconds_sum{";

    public static async Task<WriteTurnSample> OfAsync(Uri hub)
    {
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.ScrapeToken);
        var held = new Dictionary<string, double>();
        try
        {
            foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
                if (line.StartsWith(Held, StringComparison.Ordinal) && Holder(line) is { } holder
                    && double.TryParse(line[(line.IndexOf("} ", StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture, out var ms))
                    held[holder] = ms;
        }
        catch (HttpRequestException)
        {
            // A hub without the metrics (an older build): nothing to show.
        }
        return new WriteTurnSample(held, Stopwatch.GetTimestamp());
    }

    /// <summary>"write turn busy 91 % (inbound 88 %, event-delete 3 %)", or empty when no turn was held.</summary>
    public static string Describe(WriteTurnSample before, WriteTurnSample after)
    {
        var window = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalMilliseconds;
        var shares = after.HeldMs
            .Select(h => (Holder: h.Key, Share: (h.Value - before.HeldMs.GetValueOrDefault(h.Key)) / window * 100))
            .Where(s => s.Share >= 0.5).OrderByDescending(s => s.Share).ToList();
        return shares.Count == 0 ? ""
            : $"write turn busy {shares.Sum(s => s.Share):F0} % ({string.Join(", ", shares.Select(s => $"{s.Holder} {s.Share:F0} %"))})";
    }

    private static string? Holder(string line)
    {
        var at = line.IndexOf("holder=\"", StringComparison.Ordinal);
        return at < 0 ? null : line[(at + 8)..line.IndexOf('"', at + 8)];
    }
}
