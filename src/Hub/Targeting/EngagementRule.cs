namespace Omnichannel.Hub.Targeting;

public enum ConditionKind
{
    /// <summary>Time on the current page ≥ Value seconds, or ≥ the Percentile of the page group's dwell history.</summary>
    Dwell,
    /// <summary>Cart value (Omnichannel.track('cart', {value})) ≥ Value.</summary>
    CartValue,
    /// <summary>Visits (sessions) ≥ Value.</summary>
    Visits,
    /// <summary>Page views in this visit ≥ Value.</summary>
    PageViews,
    /// <summary>The pointer left towards the tab bar.</summary>
    ExitIntent,
    /// <summary>The visitor was here before (an earlier visit).</summary>
    Returning,
}

public sealed class RuleCondition
{
    public ConditionKind Kind { get; set; }
    public double? Value { get; set; }
    /// <summary>Dwell only: greet at this percentile (1–99) of the time on page of the rule's pages, instead of a fixed Value.</summary>
    public int? Percentile { get; set; }
    /// <summary>What meeting this condition adds to the score.</summary>
    public double Weight { get; set; } = 1;
}

/// <summary>A proactive greeting: on pages matching <see cref="Pages"/>, greet when the conditions' score reaches the threshold.</summary>
public sealed class EngagementRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Path glob of the pages this rule greets on, e.g. "/cart*".</summary>
    public string Pages { get; set; } = "*";
    public List<RuleCondition> Conditions { get; set; } = [];
    public double Threshold { get; set; } = 1;
    /// <summary>Greeting text per language ("en", "nb", …); "en" or the first one is the fallback.</summary>
    public Dictionary<string, string> Greeting { get; set; } = [];
    /// <summary>Higher wins when several rules would greet.</summary>
    public int Priority { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string GreetingFor(string? language)
    {
        var lang = (language ?? "").Split('-')[0].ToLowerInvariant();
        return Greeting.TryGetValue(lang, out var text) ? text
            : Greeting.TryGetValue("en", out var en) ? en
            : Greeting.Values.FirstOrDefault() ?? "Hi! Can we help?";
    }
}

/// <summary>What happened with a rule for a visitor; counted per rule for the effect report.</summary>
public enum EngagementEventKind
{
    Matched,
    Greeted,
    Accepted,
    Dismissed,
    Converted,
}

public sealed class EngagementEvent
{
    public long Id { get; set; }
    public long RuleId { get; set; }
    public required string VisitorId { get; set; }
    public EngagementEventKind Kind { get; set; }
    public DateTime At { get; set; }
    /// <summary>Conversion value, when the site reported one.</summary>
    public double? Value { get; set; }
}

/// <summary>What the hub remembers about a web visitor across visits (signals only, no third-party trackers).</summary>
public sealed class VisitorProfile
{
    /// <summary>The web visitor id (from the hub-signed visitor token).</summary>
    public required string VisitorId { get; set; }
    public int Visits { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public double? CartValue { get; set; }
    /// <summary>What the site passed to Omnichannel.identify(…), as JSON (name, email, customer id).</summary>
    public string? Identity { get; set; }
    public DateTime? LastGreetedAt { get; set; }
    public long? LastGreetedRuleId { get; set; }
    public DateTime? LastDismissedAt { get; set; }
    /// <summary>The browser's language (navigator.language) and User-Agent, for the customer panel.</summary>
    public string? Language { get; set; }
    public string? UserAgent { get; set; }
}

/// <summary>A finished page view's time on page, for percentile timing.</summary>
public sealed class DwellSample
{
    public long Id { get; set; }
    public required string Path { get; set; }
    public double Seconds { get; set; }
    public DateTime At { get; set; }
}
