using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Targeting;

/// <summary>A visitor on the site now, as the signals describe them.</summary>
public sealed class LiveVisitor
{
    public required string VisitorId { get; init; }
    public string Path { get; set; } = "/";
    public string? Title { get; set; }
    public double DwellSeconds { get; set; }
    public int ScrollDepth { get; set; }
    public bool ExitIntent { get; set; }
    public int PageViews { get; set; }
    public int Visits { get; set; }
    public bool Returning { get; set; }
    public double? CartValue { get; set; }
    public string? Name { get; set; }
    public string? Language { get; set; }
    public DateTime VisitStartedAt { get; set; }
    public DateTime LastSeen { get; set; }
    public double Score { get; set; }
    public EngagementDecision? LastDecision { get; set; }
    /// <summary>An operator started a chat: the next signals answer tells the widget to open it.</summary>
    public long? InvitedConversationId { get; set; }
    public HashSet<long> MatchedRules { get; } = [];
    /// <summary>Pages whose view this hub saw (when, on its own clock) and whose time on page has not been reported yet:
    /// only these may add a dwell sample (one each, no longer than the time that really passed), so a forged batch
    /// cannot flood or stretch the percentiles that time greetings.</summary>
    public Dictionary<string, OpenView> OpenViews { get; } = [];
    /// <summary>Pages whose time this visitor added to the dwell history on <see cref="SamplesDay"/> (one each, at most
    /// <see cref="DwellPlausibility.MaxSamplesPerDay"/>).</summary>
    public HashSet<string> SampledPages { get; } = [];
    public DateOnly SamplesDay { get; set; }

    public VisitorSnapshot Snapshot() => new(Path, DwellSeconds, CartValue, Visits, PageViews, ExitIntent, Returning);
}

/// <summary>A page view the hub saw: when, and the most time on it the visitor reported so far (it only grows).</summary>
public sealed class OpenView(DateTime seenAt)
{
    public DateTime SeenAt { get; set; } = seenAt;
    public double Reported { get; set; }
}

public sealed record LiveVisitorDto(
    string VisitorId, string Path, string? Title, double DwellSeconds, int ScrollDepth, int PageViews, int Visits, bool Returning,
    double? CartValue, string? Name, double Score, DateTime LastSeen, DateTime VisitStartedAt, EngagementDecision? LastDecision)
{
    public static LiveVisitorDto From(LiveVisitor v) => new(v.VisitorId, v.Path, v.Title, v.DwellSeconds, v.ScrollDepth, v.PageViews, v.Visits, v.Returning,
        v.CartValue, v.Name, v.Score, v.LastSeen, v.VisitStartedAt, v.LastDecision);
}

/// <summary>Who is on the site now (in memory; a visitor drops out after <see cref="EngagementOptions.LiveTimeout"/> of silence).</summary>
public sealed class LiveVisitors(TimeProvider time, IOptions<EngagementOptions> options)
{
    private readonly ConcurrentDictionary<string, LiveVisitor> visitors = new();
    private long lastPrunedTicks;

    public LiveVisitor GetOrAdd(string visitorId)
    {
        // Forget visitors who left, at most once a minute, even when no console asks for the list.
        var now = time.GetUtcNow().UtcDateTime;
        var last = Interlocked.Read(ref lastPrunedTicks);
        if (now.Ticks - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref lastPrunedTicks, now.Ticks, last) == last)
            Prune(now);
        return visitors.GetOrAdd(visitorId, id => new LiveVisitor { VisitorId = id, LastSeen = now });
    }

    /// <summary>Time on site (seconds) of visitors who left, for the timing history; drained by the signals service.</summary>
    public ConcurrentQueue<double> EndedVisits { get; } = new();

    private void Prune(DateTime now)
    {
        foreach (var (id, v) in visitors)
            if (now - v.LastSeen > options.Value.LiveTimeout && visitors.TryRemove(id, out _) && v.VisitStartedAt != default && v.LastSeen > v.VisitStartedAt)
                EndedVisits.Enqueue((v.LastSeen - v.VisitStartedAt).TotalSeconds);
    }

    public LiveVisitor? Find(string visitorId) => visitors.TryGetValue(visitorId, out var v) ? v : null;

    /// <summary>The visitor is no longer listed (their contact was erased).</summary>
    public void Forget(string visitorId) => visitors.TryRemove(visitorId, out _);

    public IReadOnlyList<LiveVisitorDto> Now()
    {
        Prune(time.GetUtcNow().UtcDateTime);
        return [.. visitors.Values.Select(v => { lock (v) return LiveVisitorDto.From(v); }).OrderByDescending(v => v.Score).ThenByDescending(v => v.LastSeen)];
    }
}
