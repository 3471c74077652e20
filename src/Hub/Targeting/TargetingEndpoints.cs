using Omnichannel.Hub.Audit;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Targeting;

public sealed record PageRuleLite(string P, bool X);

/// <param name="After">Seconds on the page after which the loader asks again (the rule's dwell; percentile resolved).</param>
public sealed record EngageHint(long Rule, double After, bool Exit);

/// <summary>What the loader needs before it shows anything: the page rules (it matches them itself), the state, engagement hints.</summary>
public sealed record WidgetBootstrap(IReadOnlyList<PageRuleLite> Rules, WidgetState State, IReadOnlyList<EngageHint> Engage, bool Signals, bool RespectDnt, int Flush, LoaderWords Words);

/// <summary>The loader's own words (launcher and greeting labels) in the visitor's language.</summary>
public sealed record LoaderWords(string Open, string Dismiss);

/// <param name="TimeOnPage">Seconds by percentile (null: fewer than MinSamples finished page views).</param>
public sealed record TimingDto(string Pages, Dictionary<int, double?> TimeOnPage, Dictionary<int, double?> TimeOnSite, int MinSamples);

public sealed record RuleEffectDto(long RuleId, string Name, bool Enabled, int Matched, int Greeted, int Accepted, int Dismissed, int Converted, int Ratings, double? AverageCsat);

public static class TargetingEndpoints
{
    public static void MapTargetingApi(this IEndpointRouteBuilder app)
    {
        // Embedded on the owner's site: the loader calls these cross-origin (Widget:AllowedOrigins, no credentials).
        var widget = app.MapGroup("/api/widget").WithTags("Widget").ForShops();
        widget.MapGet("/bootstrap", Bootstrap);
        widget.MapPost("/signals", Signals).RequireRateLimiting(RateLimitPolicies.Signals);
        widget.MapGet("/state/stream", StateStream).RequireRateLimiting(RateLimitPolicies.Connections);

        var pages = app.MapGroup("/api/targeting/page-rules").WithTags("Targeting");
        pages.MapGet("/", RuleAdminEndpoints.ListPageRules).RequireAuthorization(Policies.Operator);
        pages.MapPost("/", RuleAdminEndpoints.CreatePageRule).RequireAuthorization(Policies.Admin).Audited("page-rule.created");
        pages.MapPut("/{id:long}", RuleAdminEndpoints.UpdatePageRule).RequireAuthorization(Policies.Admin).Audited("page-rule.updated");
        pages.MapDelete("/{id:long}", RuleAdminEndpoints.DeletePageRule).RequireAuthorization(Policies.Admin).Audited("page-rule.deleted");

        var rules = app.MapGroup("/api/engagement").WithTags("Engagement");
        rules.MapGet("/rules", RuleAdminEndpoints.ListRules).RequireAuthorization(Policies.Operator);
        rules.MapPost("/rules", RuleAdminEndpoints.CreateRule).RequireAuthorization(Policies.Admin).Audited("engagement-rule.created");
        rules.MapPut("/rules/{id:long}", RuleAdminEndpoints.UpdateRule).RequireAuthorization(Policies.Admin).Audited("engagement-rule.updated");
        rules.MapDelete("/rules/{id:long}", RuleAdminEndpoints.DeleteRule).RequireAuthorization(Policies.Admin).Audited("engagement-rule.deleted");
        rules.MapGet("/visitors", Visitors).RequireAuthorization(Policies.Operator);
        rules.MapGet("/visitors/{visitorId}/decision", Decision).RequireAuthorization(Policies.Operator);
        rules.MapPost("/visitors/{visitorId}/chat", OperatorInitiatedChat.Start).RequireAuthorization(Policies.Operator);
        rules.MapGet("/effect", Effect).RequireAuthorization(Policies.Supervisor);
        rules.MapGet("/timing", Timing).RequireAuthorization(Policies.Operator);
    }

    public static async Task<Ok<WidgetBootstrap>> Bootstrap(
        string? path, string? lang, string? visitor, HttpContext http, EngagementCatalog catalog, WidgetStateService state, DwellHistory dwell,
        IOptions<EngagementOptions> options, Reports.TurnedAwayRecorder turnedAway, Reports.BusySpellVisitors busyVisitors, CancellationToken cancellationToken)
    {
        var (pageRules, rules) = await catalog.GetAsync(cancellationToken);
        var percentile = await dwell.LookupAsync(cancellationToken);
        var o = options.Value;
        var hints = o.SignalsEnabled && path is { Length: > 0 }
            ? rules.Where(r => r.Enabled && PageGlob.Matches(r.Pages, path)).Select(r => new EngageHint(r.Id,
                r.Conditions.Where(c => c.Kind == ConditionKind.Dwell).Select(c => Engagement.DwellThreshold(c, percentile(r, c))).DefaultIfEmpty(0).Min(),
                r.Conditions.Any(c => c.Kind == ConditionKind.ExitIntent))).ToList()
            : [];
        var current = await state.CurrentAsync(cancellationToken);
        if (current.State == WidgetAvailability.Busy && busyVisitors.FirstInSpell(Reports.BusySpellVisitors.Key(http, visitor), state.Since))
            await turnedAway.RecordAsync(Reports.TurnedAwayKind.PageViewBusy, current.PredictedWaitSeconds, path, cancellationToken);
        return TypedResults.Ok(new WidgetBootstrap([.. pageRules.Select(r => new PageRuleLite(r.Pattern, r.Exclude))],
            state.InLanguage(current, lang), hints, o.SignalsEnabled, o.RespectDoNotTrack, o.FlushSeconds,
            new LoaderWords(WidgetCopy.For(lang).OpenChat, WidgetCopy.For(lang).Dismiss)));
    }

    public static async Task<IResult> Signals(HttpContext http, SignalsService signals, IOptions<EngagementOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!Privacy.MayTrack(o.SignalsEnabled, o.RespectDoNotTrack, http.Request.Headers["DNT"], http.Request.Headers["Sec-GPC"]))
            return TypedResults.NoContent();
        if (http.Request.ContentLength > 64 * 1024)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, null, "The batch is too large.");
        SignalBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<SignalBatch>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, null, "The batch is not valid JSON.");
        }
        if (batch is null || batch.Events?.Count > 200)
            return Problems.Of(StatusCodes.Status400BadRequest, null, "The batch is empty or has too many events.");
        batch.UserAgent = http.Request.Headers.UserAgent.ToString();
        return await signals.ReceiveAsync(batch, cancellationToken) is { } answer
            ? TypedResults.Ok(answer)
            : Problems.Unauthorized("Signals need a valid visitor token (from POST /api/widget/visitor); this one is missing, expired or not issued by this hub.");
    }

    /// <summary>Server-sent events: the widget's state now and whenever it is computed again (the loader shows it live).</summary>
    public static async Task StateStream(HttpContext http, string? lang, WidgetStateService state, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var cancellationToken = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var queue = Channel.CreateBounded<WidgetState>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnComputed(WidgetState s) => queue.Writer.TryWrite(s);
        state.Computed += OnComputed;
        try
        {
            var last = await state.CurrentAsync(cancellationToken);
            await WriteAsync(last);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(25));
                try
                {
                    var next = await queue.Reader.ReadAsync(heartbeat.Token);
                    if (next.State != last.State || next.NextOpening != last.NextOpening)
                        await WriteAsync(last = next);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            state.Computed -= OnComputed;
        }

        async Task WriteAsync(WidgetState s)
        {
            await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(state.InLanguage(s, lang), json.Value.SerializerOptions)}\n\n", cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
        }
    }


    public static async Task<Ok<IReadOnlyList<LiveVisitorDto>>> Visitors(SharedState.ILiveVisitorDirectory live, CancellationToken cancellationToken) =>
        TypedResults.Ok(await live.NowAsync(cancellationToken));

    /// <summary>Why this visitor is (or is not) greeted right now, evaluated afresh.</summary>
    public static async Task<Results<Ok<EngagementDecision>, ProblemHttpResult>> Decision(
        string visitorId, LiveVisitors live, SignalsService signals, EngagementCatalog catalog, OmnichannelDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (live.Find(visitorId) is not { } visitor)
            return Problems.NotFound("This visitor is not on the site now.");
        var profile = await db.VisitorProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.VisitorId == visitorId, cancellationToken)
            ?? new VisitorProfile { VisitorId = visitorId };
        var (_, rules) = await catalog.GetAsync(cancellationToken);
        return TypedResults.Ok(await signals.DecideAsync(rules, visitor, profile, time.GetUtcNow().UtcDateTime, cancellationToken));
    }

    /// <summary>Per rule: distinct visitors who matched, were greeted, accepted, dismissed, converted, and the CSAT of their chats.</summary>
    public static async Task<Ok<List<RuleEffectDto>>> Effect(OmnichannelDb db, CancellationToken cancellationToken)
    {
        var rules = await db.EngagementRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var counts = await db.EngagementEvents.AsNoTracking().GroupBy(e => new { e.RuleId, e.Kind })
            .Select(g => new { g.Key.RuleId, g.Key.Kind, Visitors = g.Select(e => e.VisitorId).Distinct().Count() }).ToListAsync(cancellationToken);
        var csat = await db.CsatSurveys.AsNoTracking().Where(s => s.RuleId != null && s.Score != null)
            .GroupBy(s => s.RuleId).Select(g => new { RuleId = g.Key!.Value, Count = g.Count(), Average = g.Average(s => (double)s.Score!.Value) }).ToListAsync(cancellationToken);
        int Count(long rule, EngagementEventKind kind) => counts.FirstOrDefault(c => c.RuleId == rule && c.Kind == kind)?.Visitors ?? 0;
        return TypedResults.Ok(rules.Select(r =>
        {
            var rating = csat.FirstOrDefault(c => c.RuleId == r.Id);
            return new RuleEffectDto(r.Id, r.Name, r.Enabled, Count(r.Id, EngagementEventKind.Matched), Count(r.Id, EngagementEventKind.Greeted),
                Count(r.Id, EngagementEventKind.Accepted), Count(r.Id, EngagementEventKind.Dismissed), Count(r.Id, EngagementEventKind.Converted),
                rating?.Count ?? 0, rating is null ? null : Math.Round(rating.Average, 2));
        }).ToList());
    }

    /// <summary>Percentiles of time on page for a page glob (and of time on site), as percentile timing would use them.</summary>
    public static async Task<Ok<TimingDto>> Timing(string? pages, DwellHistory dwell, IOptions<EngagementOptions> options, CancellationToken cancellationToken)
    {
        var lookup = await dwell.LookupAsync(cancellationToken);
        int[] ps = [25, 50, 60, 75, 90];
        Dictionary<int, double?> For(string glob) =>
            ps.ToDictionary(p => p, p => lookup(new EngagementRule { Name = "", Pages = glob }, new RuleCondition { Kind = ConditionKind.Dwell, Percentile = p }));
        return TypedResults.Ok(new TimingDto(pages ?? "*", For(pages ?? "*"), For(SignalsService.SiteGroup), options.Value.MinDwellSamples));
    }
}
