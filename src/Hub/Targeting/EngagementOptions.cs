namespace Omnichannel.Hub.Targeting;

/// <summary>Bound from <c>Engagement</c>: visitor signals and proactive greetings.</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>When false the loader sends no signals at all and nobody is greeted proactively.</summary>
    public bool SignalsEnabled { get; set; } = true;

    /// <summary>Honour the browser's Do Not Track and Global Privacy Control: such visitors send nothing.</summary>
    public bool RespectDoNotTrack { get; set; } = true;

    /// <summary>How often the loader sends its batched signals while the page is open (seconds).</summary>
    public int FlushSeconds { get; set; } = 15;

    /// <summary>A visitor is greeted at most once per this period.</summary>
    public TimeSpan GreetEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After dismissing a greeting a visitor is left alone this long.</summary>
    public TimeSpan DismissCooldown { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A pause longer than this starts a new visit.</summary>
    public TimeSpan VisitTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A visitor not heard from this long leaves the live visitors list.</summary>
    public TimeSpan LiveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Percentile timing needs at least this many finished page views of the rule's pages (else the rule's fixed dwell).</summary>
    public int MinDwellSamples { get; set; } = 20;

    /// <summary>Percentiles are taken over the most recent samples only.</summary>
    public int DwellHistorySize { get; set; } = 2000;
}
