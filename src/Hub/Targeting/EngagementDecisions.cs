using System.Globalization;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Targeting;

/// <summary>What the hub knows about a visitor right now, for the engagement decision.</summary>
public sealed record VisitorSnapshot(string Path, double DwellSeconds, double? CartValue, int Visits, int PageViews, bool ExitIntent, bool Returning);

public sealed record ConditionResult(ConditionKind Kind, string Expected, string Actual, bool Met, double Weight);

public sealed record RuleEvaluation(long RuleId, string Name, bool PageMatches, double Score, double Threshold, bool Passed, IReadOnlyList<ConditionResult> Conditions);

public sealed record GateResult(bool Allowed, string Reason);

/// <summary>Why a visitor was (or was not) greeted: every rule's score, the capacity gate and the frequency cap.</summary>
public sealed record EngagementDecision(
    bool Greet, long? RuleId, string? Text, string Reason, DateTime At,
    GateResult Capacity, GateResult FrequencyCap, IReadOnlyList<RuleEvaluation> Rules);

/// <summary>Pure decisions of proactive engagement. No I/O: the caller passes everything in.</summary>
public static class Engagement
{
    /// <summary>The dwell (seconds) a Dwell condition asks for: its percentile of the page group's history when known, else its fixed value.</summary>
    public static double DwellThreshold(RuleCondition condition, double? percentileSeconds) =>
        condition.Percentile is not null && percentileSeconds is { } p ? p : condition.Value ?? 30;

    public static RuleEvaluation Score(EngagementRule rule, VisitorSnapshot visitor, Func<EngagementRule, RuleCondition, double?> percentile)
    {
        var pageMatches = PageGlob.Matches(rule.Pages, visitor.Path);
        var results = rule.Conditions.Select(c => Evaluate(rule, c, visitor, percentile)).ToList();
        var score = results.Where(r => r.Met).Sum(r => r.Weight);
        return new RuleEvaluation(rule.Id, rule.Name, pageMatches, score, rule.Threshold, pageMatches && score >= rule.Threshold, results);
    }

    private static ConditionResult Evaluate(EngagementRule rule, RuleCondition c, VisitorSnapshot v, Func<EngagementRule, RuleCondition, double?> percentile)
    {
        static string N(double? d) => d is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "none";
        switch (c.Kind)
        {
            case ConditionKind.Dwell:
                var p = c.Percentile is not null ? percentile(rule, c) : null;
                var need = DwellThreshold(c, p);
                var expected = c.Percentile is { } pc
                    ? p is null ? $"dwell ≥ {N(need)} s (p{pc} unknown yet: too few samples)" : $"dwell ≥ {N(need)} s (p{pc} of this page group)"
                    : $"dwell ≥ {N(need)} s";
                return new(c.Kind, expected, $"{N(v.DwellSeconds)} s", v.DwellSeconds >= need, c.Weight);
            case ConditionKind.CartValue:
                return new(c.Kind, $"cart ≥ {N(c.Value ?? 0)}", N(v.CartValue), (v.CartValue ?? 0) >= (c.Value ?? 0) && v.CartValue is not null, c.Weight);
            case ConditionKind.Visits:
                return new(c.Kind, $"visits ≥ {N(c.Value ?? 1)}", v.Visits.ToString(CultureInfo.InvariantCulture), v.Visits >= (c.Value ?? 1), c.Weight);
            case ConditionKind.PageViews:
                return new(c.Kind, $"page views ≥ {N(c.Value ?? 1)}", v.PageViews.ToString(CultureInfo.InvariantCulture), v.PageViews >= (c.Value ?? 1), c.Weight);
            case ConditionKind.ExitIntent:
                return new(c.Kind, "exit intent", v.ExitIntent ? "yes" : "no", v.ExitIntent, c.Weight);
            default:
                return new(c.Kind, "returning visitor", v.Returning ? "yes" : "no", v.Returning, c.Weight);
        }
    }

    /// <summary>Greet only when a human answers within the web chat promise right now.</summary>
    public static GateResult CapacityGate(WidgetAvailability state, int? predictedWaitSeconds, int promiseSeconds) => state switch
    {
        WidgetAvailability.Closed => new(false, "Live chat is closed (outside opening hours)."),
        _ when predictedWaitSeconds is null => new(false, "No operator has free capacity for web chat."),
        _ when predictedWaitSeconds > promiseSeconds => new(false, $"Predicted wait {predictedWaitSeconds} s is above the web chat promise of {promiseSeconds} s."),
        WidgetAvailability.Busy => new(false, "Live chat is busy."),
        _ => new(true, $"Predicted wait {predictedWaitSeconds} s is within the promise of {promiseSeconds} s."),
    };

    /// <summary>Not again within <paramref name="greetEvery"/> of the last greeting, nor within <paramref name="dismissCooldown"/> of a dismissal.</summary>
    public static GateResult FrequencyCap(DateTime? lastGreeted, DateTime? lastDismissed, DateTime now, TimeSpan greetEvery, TimeSpan dismissCooldown)
    {
        if (lastDismissed is { } d && now - d < dismissCooldown)
            return new(false, $"Dismissed a greeting {Ago(now - d)} ago (cool-down {Ago(dismissCooldown)}).");
        if (lastGreeted is { } g && now - g < greetEvery)
            return new(false, $"Already greeted {Ago(now - g)} ago (at most once per {Ago(greetEvery)}).");
        return new(true, "Not greeted or dismissed recently.");
    }

    /// <summary>The best rule that passes (highest priority, then score), if both gates allow it.</summary>
    public static EngagementDecision Decide(
        IEnumerable<EngagementRule> rules, VisitorSnapshot visitor, Func<EngagementRule, RuleCondition, double?> percentile,
        GateResult capacity, GateResult cap, string? language, DateTime now)
    {
        var enabled = rules.Where(r => r.Enabled).ToList();
        var evaluations = enabled.Select(r => Score(r, visitor, percentile)).ToList();
        var best = enabled.Zip(evaluations).Where(x => x.Second.Passed)
            .OrderByDescending(x => x.First.Priority).ThenByDescending(x => x.Second.Score).ThenBy(x => x.First.Id).FirstOrDefault();
        if (best.First is null)
            return new(false, null, null, evaluations.Any(e => e.PageMatches) ? "No rule reached its threshold yet." : "No rule applies to this page.", now, capacity, cap, evaluations);
        if (!capacity.Allowed)
            return new(false, best.First.Id, null, $"Rule '{best.First.Name}' matched, but: {capacity.Reason}", now, capacity, cap, evaluations);
        if (!cap.Allowed)
            return new(false, best.First.Id, null, $"Rule '{best.First.Name}' matched, but: {cap.Reason}", now, capacity, cap, evaluations);
        return new(true, best.First.Id, best.First.GreetingFor(language), $"Rule '{best.First.Name}' scored {best.Second.Score:0.##} ≥ {best.Second.Threshold:0.##}.", now, capacity, cap, evaluations);
    }

    /// <summary>Nearest-rank percentile of the samples; null with fewer than <paramref name="minSamples"/>.</summary>
    public static double? Percentile(IReadOnlyCollection<double> samples, int percentile, int minSamples)
    {
        if (samples.Count == 0 || samples.Count < minSamples)
            return null;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(Math.Clamp(percentile, 1, 100) / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static string Ago(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{t.TotalDays:0.#} d" : t.TotalHours >= 1 ? $"{t.TotalHours:0.#} h" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0} min" : $"{t.TotalSeconds:0} s";
}
