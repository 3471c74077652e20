using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Targeting;

/// <summary>
/// One batch from the loader (sent as text/plain JSON so no CORS preflight is needed). Events are short arrays:
/// ["v", path] page view · ["e", path, seconds] page left after seconds · ["k", name, data] Omnichannel.track ·
/// ["i", data] Omnichannel.identify · ["g", ruleId, "accept"|"dismiss"] what the visitor did with a greeting.
/// </summary>
public sealed class SignalBatch
{
    public string? Token { get; set; }
    public string? Lang { get; set; }
    public string? Path { get; set; }
    public string? Title { get; set; }
    /// <summary>Seconds on the current page so far.</summary>
    public double? Dwell { get; set; }
    /// <summary>Deepest scroll on the current page, 0–100.</summary>
    public int? Scroll { get; set; }
    public bool? Exit { get; set; }
    public List<JsonElement[]>? Events { get; set; }
    /// <summary>Set by the endpoint from the request (device and browser in the customer panel), never by the loader.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UserAgent { get; set; }
}

public sealed record GreetingDto(long Rule, string Text);

/// <param name="Invite">An operator started a chat with this visitor: the widget opens it.</param>
public sealed record SignalAnswer(string Token, string VisitorId, GreetingDto? Greet, long? Invite);

/// <summary>Pure: whether a request may be recorded at all.</summary>
public static class Privacy
{
    /// <summary>With <paramref name="respectDoNotTrack"/>, "DNT: 1" or "Sec-GPC: 1" means nothing is recorded.</summary>
    public static bool MayTrack(bool signalsEnabled, bool respectDoNotTrack, string? dnt, string? gpc) =>
        signalsEnabled && !(respectDoNotTrack && (dnt?.Trim() == "1" || gpc?.Trim() == "1"));
}

/// <summary>Takes the loader's signals: keeps the live visitors list and the visitor's profile, and decides on a greeting.</summary>
public sealed class SignalsService(
    OmnichannelDb db, VisitorTokens tokens, LiveVisitors live, DwellHistory dwell, EngagementCatalog catalog,
    WidgetStateService widgetState, TimeProvider time, IOptions<EngagementOptions> options, SharedState.ILiveVisitorDirectory directory)
{
    /// <summary>The page group under which finished visits' time on site is kept.</summary>
    public const string SiteGroup = "(site)";

    /// <summary>Null when the batch carries no valid visitor token (the endpoint answers 401): signals only come from a
    /// visitor the hub issued a token to (POST /api/widget/visitor), never create one.</summary>
    public async Task<SignalAnswer?> ReceiveAsync(SignalBatch batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.Value;
        if (tokens.Read(batch.Token) is not { } visitorId)
            return null;
        var token = tokens.NeedsRenewal(batch.Token) ? tokens.Issue(visitorId) : batch.Token!;

        var profile = await db.VisitorProfiles.FindAsync([visitorId], cancellationToken);
        if (profile is null)
            db.VisitorProfiles.Add(profile = new VisitorProfile { VisitorId = visitorId, FirstSeen = now, LastSeen = now });
        var visitor = live.GetOrAdd(visitorId);
        var newVisit = profile.Visits == 0 || now - profile.LastSeen > o.VisitTimeout;
        List<EngagementEvent> events = [];
        List<(string Path, double Seconds)> finished = [];

        lock (visitor)
        {
            if (newVisit)
            {
                profile.Visits++;
                visitor.PageViews = 0;
                visitor.VisitStartedAt = now;
                visitor.MatchedRules.Clear();
            }
            profile.LastSeen = now;
            foreach (var e in batch.Events ?? [])
                Apply(e, visitor, profile, events, finished, now);
            if (batch.Lang is { Length: <= 35 } language)
                profile.Language = language;
            if (batch.UserAgent is { Length: > 0 } agent)
                profile.UserAgent = agent.Length > 300 ? agent[..300] : agent;
            if (batch.Path is { Length: > 0 and <= 300 } path)
                visitor.Path = path;
            if (batch.Title is { } title)
                visitor.Title = title.Length > 120 ? title[..120] : title;
            if (batch.Dwell is { } d && DwellPlausibility.Current(d, visitor.OpenViews.GetValueOrDefault(visitor.Path), now) is { } dwellSoFar)
            {
                visitor.DwellSeconds = dwellSoFar;
                if (visitor.OpenViews.GetValueOrDefault(visitor.Path) is { } current)
                    current.Reported = dwellSoFar;
            }
            if (batch.Scroll is { } s)
                visitor.ScrollDepth = Math.Clamp(s, 0, 100);
            if (batch.Exit == true)
                visitor.ExitIntent = true;
            visitor.Language = batch.Lang is { Length: <= 35 } lang ? lang : visitor.Language;
            visitor.Visits = profile.Visits;
            visitor.Returning = profile.Visits > 1;
            visitor.CartValue = profile.CartValue;
            visitor.LastSeen = now;
            if (visitor.PageViews == 0)
                visitor.PageViews = 1;
        }

        GreetingDto? greet = null;
        var (_, rules) = await catalog.GetAsync(cancellationToken);
        if (rules.Any(r => r.Enabled))
        {
            var decision = await DecideAsync(rules, visitor, profile, now, cancellationToken);
            lock (visitor)
            {
                visitor.LastDecision = decision;
                visitor.Score = decision.Rules.Where(r => r.PageMatches).Select(r => r.Score).DefaultIfEmpty(0).Max();
                foreach (var passed in decision.Rules.Where(r => r.Passed && visitor.MatchedRules.Add(r.RuleId)))
                    events.Add(new EngagementEvent { RuleId = passed.RuleId, VisitorId = visitorId, Kind = EngagementEventKind.Matched, At = now });
            }
            if (decision is { Greet: true, RuleId: { } ruleId, Text: { } text })
            {
                profile.LastGreetedAt = now;
                profile.LastGreetedRuleId = ruleId;
                events.Add(new EngagementEvent { RuleId = ruleId, VisitorId = visitorId, Kind = EngagementEventKind.Greeted, At = now });
                greet = new GreetingDto(ruleId, text);
            }
        }
        db.EngagementEvents.AddRange(events);
        db.AddRange(PageViews(batch, visitorId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(profile).State == EntityState.Added)
        {
            // Two tabs of a brand-new visitor raced to create the profile: the other one won; this batch's events are kept.
            db.Entry(profile).State = EntityState.Detached;
            await db.SaveChangesAsync(cancellationToken);
        }
        // Visitors who left the site: their time on site joins the history ("(site)").
        while (live.EndedVisits.TryDequeue(out var site))
            finished.Add((SiteGroup, site));
        foreach (var (path, seconds) in finished)
            await dwell.AddAsync(path, seconds, now, cancellationToken);

        LiveVisitorDto seen;
        lock (visitor)
            seen = LiveVisitorDto.From(visitor);
        await directory.PublishAsync(seen, cancellationToken);
        var invite = await directory.TakeInvitationAsync(visitorId, cancellationToken);
        return new SignalAnswer(token, visitorId, greet, invite);
    }

    /// <summary>Why this visitor would (or would not) be greeted right now.</summary>
    public async Task<EngagementDecision> DecideAsync(IReadOnlyList<EngagementRule> rules, LiveVisitor visitor, VisitorProfile profile, DateTime now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var percentile = await dwell.LookupAsync(cancellationToken);
        VisitorSnapshot snapshot;
        string? language;
        lock (visitor)
        {
            snapshot = visitor.Snapshot();
            language = visitor.Language;
        }
        var state = await widgetState.CurrentAsync(cancellationToken);
        var cap = Engagement.FrequencyCap(profile.LastGreetedAt, profile.LastDismissedAt, now, o.GreetEvery, o.DismissCooldown);
        var capacity = Engagement.CapacityGate(state.State, state.PredictedWaitSeconds, state.PromiseSeconds);
        var decision = Engagement.Decide(rules, snapshot, percentile, capacity, cap, language, now);
        if (decision.Greet)
        {
            // Greeting creates demand: confirm with a fresh look at capacity, not the cached state.
            state = await widgetState.RefreshAsync(cancellationToken);
            capacity = Engagement.CapacityGate(state.State, state.PredictedWaitSeconds, state.PromiseSeconds);
            if (!capacity.Allowed)
                decision = Engagement.Decide(rules, snapshot, percentile, capacity, cap, language, now);
        }
        return decision;
    }

    /// <summary>The pages opened in this batch, for the page trail ("v" events; the title is the current page's).</summary>
    private static IEnumerable<VisitorPageView> PageViews(SignalBatch batch, string visitorId, DateTime now) =>
        (batch.Events ?? [])
            .Where(e => e is { Length: > 1 } && e[0].ValueKind == JsonValueKind.String && e[0].GetString() == "v" && e[1].ValueKind == JsonValueKind.String)
            .Select(e => e[1].GetString()!).Where(p => p.Length is > 0 and <= 300)
            .Select(p => new VisitorPageView
            {
                VisitorId = visitorId, Path = p, At = now,
                Title = p == batch.Path && batch.Title is { } t ? (t.Length > 120 ? t[..120] : t) : null,
            });

    private static void Apply(JsonElement[] e, LiveVisitor visitor, VisitorProfile profile, List<EngagementEvent> events, List<(string, double)> finished, DateTime now)
    {
        if (e is not { Length: > 0 } || e[0].ValueKind != JsonValueKind.String)
            return;
        string? Str(int i) => e.Length > i && e[i].ValueKind == JsonValueKind.String ? e[i].GetString() : null;
        double? Num(int i) => e.Length > i && e[i].ValueKind == JsonValueKind.Number ? e[i].GetDouble() : null;
        switch (e[0].GetString())
        {
            case "v" when Str(1) is { Length: > 0 and <= 300 } path:
                visitor.Path = path;
                visitor.PageViews++;
                if (visitor.OpenViews.ContainsKey(path) || visitor.OpenViews.Count < DwellPlausibility.MaxOpenViews)
                    visitor.OpenViews[path] = new OpenView(now);
                visitor.DwellSeconds = 0;
                visitor.ScrollDepth = 0;
                visitor.ExitIntent = false;
                break;
            case "e" when Str(1) is { Length: > 0 and <= 300 } path && Num(2) is { } seconds:
                visitor.OpenViews.Remove(path, out var view);
                if (visitor.SamplesDay != DateOnly.FromDateTime(now))
                {
                    visitor.SamplesDay = DateOnly.FromDateTime(now);
                    visitor.SampledPages.Clear();
                }
                if (DwellPlausibility.Accept(seconds, view, now, visitor.SampledPages.Count, visitor.SampledPages.Contains(path)))
                {
                    visitor.SampledPages.Add(path);
                    finished.Add((path, seconds));
                }
                break;
            case "k" when Str(1) is { } name:
                var value = e.Length > 2 && e[2].ValueKind == JsonValueKind.Object && e[2].TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
                if (name == "cart")
                    profile.CartValue = value is >= 0 and < 1e9 ? value : null;
                else if (name == "conversion" && profile.LastGreetedRuleId is { } rule && profile.LastGreetedAt is { } at && now - at < TimeSpan.FromDays(1))
                    events.Add(new EngagementEvent { RuleId = rule, VisitorId = visitor.VisitorId, Kind = EngagementEventKind.Converted, At = now, Value = value });
                break;
            case "i" when e.Length > 1 && e[1].ValueKind == JsonValueKind.Object:
                var raw = e[1].GetRawText();
                if (raw.Length <= 2000)
                    profile.Identity = raw;
                visitor.Name = e[1].TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()
                    : e[1].TryGetProperty("email", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : visitor.Name;
                break;
            case "g" when Num(1) is { } ruleId && Str(2) is "accept" or "dismiss":
                var accepted = Str(2) == "accept";
                if (!accepted)
                    profile.LastDismissedAt = now;
                events.Add(new EngagementEvent { RuleId = (long)ruleId, VisitorId = visitor.VisitorId, Kind = accepted ? EngagementEventKind.Accepted : EngagementEventKind.Dismissed, At = now });
                break;
        }
    }
}

/// <summary>Pure: whether a reported time on page is plausible enough to count — for the visitor's own greeting and for the
/// dwell history whose percentiles time everyone's greetings.</summary>
public static class DwellPlausibility
{
    /// <summary>A page view longer than this is a tab left open, not time spent reading.</summary>
    public static readonly double MaxSeconds = TimeSpan.FromHours(4).TotalSeconds;

    public const int MaxOpenViews = 20;

    /// <summary>At most this many finished page views of one visitor join the history per day (and one per page).</summary>
    public const int MaxSamplesPerDay = 30;

    /// <summary>Clock and network slack allowed between the visitor's count and the hub's own clock.</summary>
    public const double SlackSeconds = 5;

    /// <summary>The most time on page that can really have passed since the hub saw the view.</summary>
    public static double Elapsed(OpenView view, DateTime now) => Math.Max(0, (now - view.SeenAt).TotalSeconds) * 1.05 + SlackSeconds;

    /// <summary>A finished page view may join the history: the hub saw the view (and it was not reported before), the time
    /// is a sane number, no shorter than what the visitor already reported for it (monotonic), no longer than the time
    /// that passed on the hub's clock, and the visitor has not used up the day's samples — one per page: a visitor's
    /// repeated views of the same page are one opinion, not many.</summary>
    public static bool Accept(double seconds, OpenView? view, DateTime now, int samplesToday, bool pageSampledToday = false) =>
        view is not null && double.IsFinite(seconds) && seconds >= 0 && seconds <= MaxSeconds
        && seconds >= view.Reported && seconds <= Elapsed(view, now) && samplesToday < MaxSamplesPerDay && !pageSampledToday;

    /// <summary>The time on the current page so far as the hub believes it: null (ignored) when it is not a sane number
    /// or goes backwards; never more than the time that passed since the hub saw the view.</summary>
    public static double? Current(double seconds, OpenView? view, DateTime now) =>
        !double.IsFinite(seconds) || seconds < 0 ? null
        : view is null ? Math.Min(seconds, MaxSeconds)
        : seconds < view.Reported ? null
        : Math.Min(seconds, Math.Min(Elapsed(view, now), MaxSeconds));
}
