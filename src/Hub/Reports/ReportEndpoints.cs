using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;

namespace Omnichannel.Hub.Reports;

/// <summary>/api/reports/…: supervisors' and admins' look back, every figure counted in the database for the chosen filter.</summary>
public static class ReportEndpoints
{
    private static readonly HashSet<string> StaffingKeys = new(StringComparer.OrdinalIgnoreCase) { "serviceLevel", "promise", "concurrency", "patience" };

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        // Supervisors, admins and the read-only analytics role.
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);
        reports.MapGet("/volume", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.VolumeAsync(f, ct)));
        reports.MapGet("/response-times", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.ResponseTimesAsync(f, ct)));
        reports.MapGet("/resolution-times", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.ResolutionTimesAsync(f, ct)));
        reports.MapGet("/attainment", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.AttainmentAsync(f, ct)));
        reports.MapGet("/breaches", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.BreachesAsync(f, ct)));
        reports.MapGet("/turned-away", (HttpContext http, ReportQueries q, CancellationToken ct) => Run(http, f => q.TurnedAwayAsync(f, ct)));
        reports.MapGet("/operators", (HttpContext http, OperatorQueries q, CancellationToken ct) => Run(http, f => q.OperatorsAsync(f, ct)));
        reports.MapGet("/engagement", (HttpContext http, EngagementQueries q, CancellationToken ct) => Run(http, f => q.EngagementAsync(f, ct)));
        reports.MapGet("/topics", (HttpContext http, TopicQueries q, CancellationToken ct) => Run(http, f => q.TopicsAsync(f, ct)));
        reports.MapGet("/staffing", Staffing);
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> Run<T>(HttpContext http, Func<ReportFilter, Task<T>> report)
    {
        var (filter, error) = ReportFilter.Parse(http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
        error ??= await UnknownTeamAsync(http, filter!);
        return error is not null ? Invalid(error) : TypedResults.Ok(await report(filter!));
    }

    private static async Task<string?> UnknownTeamAsync(HttpContext http, ReportFilter filter) =>
        filter.TeamId is { } team && !await http.RequestServices.GetRequiredService<Storage.OmnichannelDb>().Teams.AnyAsync(t => t.Id == team, http.RequestAborted)
            ? $"Unknown team {team}." : null;

    /// <summary>
    /// Operators needed per half hour of the week for one channel (default web chat), from the range's arrivals and handle
    /// times. What-if: serviceLevel (0–1, default 0.95), promise (seconds, default the channel's), concurrency (chats per
    /// operator, default 1), patience (seconds: Erlang A with abandonment instead of Erlang C).
    /// </summary>
    public static async Task<Results<Ok<StaffingPlan>, ProblemHttpResult>> Staffing(
        HttpContext http, StaffingQueries queries, Microsoft.Extensions.Options.IOptions<RoutingOptions> routing, CancellationToken cancellationToken)
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (filter, error) = ReportFilter.Parse(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)), StaffingKeys);
        if ((filter is null ? error : await UnknownTeamAsync(http, filter)) is { } invalid)
            return Invalid(invalid);
        if (filter!.OperatorId is not null || filter.TeamId is not null || filter.PageGroup is not null)
            return Invalid("Staffing advice is for a channel, not for one operator, team or page group.");
        var channel = filter.Channel ?? ChannelKind.WebChat;
        if (!Number(query, "serviceLevel", 0.95, out var level) || level is <= 0 or >= 1)
            return Invalid("serviceLevel is a fraction between 0 and 1, e.g. 0.95.");
        if (!Number(query, "promise", routing.Value.Promise(channel).TotalSeconds, out var promise) || promise is <= 0 or > 7 * 86400)
            return Invalid("promise is the answer time in seconds (1 s to 7 days).");
        if (!Number(query, "concurrency", 1, out var concurrency) || concurrency is < 1 or > 50 || concurrency != Math.Floor(concurrency))
            return Invalid("concurrency is a whole number of conversations per operator (1–50).");
        double? patience = null;
        if (query.ContainsKey("patience"))
        {
            if (!Number(query, "patience", 0, out var p) || p is <= 0 or > 86400)
                return Invalid("patience is the mean time a visitor waits before giving up, in seconds (1 s to 1 day).");
            patience = p;
        }
        var history = await queries.MeasureAsync(channel, filter.From, filter.To, cancellationToken);
        return TypedResults.Ok(StaffingAdvisor.Advise(history, new StaffingInputs(level, TimeSpan.FromSeconds(promise), (int)concurrency, patience)));
    }

    private static bool Number(Dictionary<string, string> query, string key, double fallback, out double value)
    {
        value = fallback;
        return !query.TryGetValue(key, out var text)
            || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static ProblemHttpResult Invalid(string reason) =>
        TypedResults.Problem(reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid report request");
}
