using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Targeting;

public sealed record PageRuleRequest(string? Pattern, bool Exclude);

public sealed record PageRuleDto(long Id, string Pattern, bool Exclude, DateTime UpdatedAt)
{
    public static PageRuleDto From(PageRule r) => new(r.Id, r.Pattern, r.Exclude, r.UpdatedAt);
}

public sealed record EngagementRuleRequest(string? Name, bool Enabled, string? Pages, List<RuleCondition>? Conditions, double Threshold, Dictionary<string, string>? Greeting, int Priority);

/// <summary>
/// The admin's page rules (where the widget shows) and engagement rules (proactive greetings): validated, stored,
/// the rule catalogue invalidated and the change announced to the other hubs. Mapped in <see cref="TargetingEndpoints"/>.
/// </summary>
public static class RuleAdminEndpoints
{
    public static async Task<Ok<List<PageRuleDto>>> ListPageRules(OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.PageRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(PageRuleDto.From).ToList());

    public static async Task<Results<Created<PageRuleDto>, ProblemHttpResult>> CreatePageRule(
        PageRuleRequest request, OmnichannelDb db, EngagementCatalog catalog, TimeProvider time, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (PageGlob.Invalid(request.Pattern) is { } problem)
            return Problems.Invalid(problem);
        var rule = new PageRule { Pattern = request.Pattern!.Trim(), Exclude = request.Exclude, UpdatedAt = time.GetUtcNow().UtcDateTime };
        db.PageRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Created($"/api/targeting/page-rules/{rule.Id}", PageRuleDto.From(rule));
    }

    public static async Task<Results<Ok<PageRuleDto>, ProblemHttpResult>> UpdatePageRule(
        long id, PageRuleRequest request, OmnichannelDb db, EngagementCatalog catalog, TimeProvider time, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (PageGlob.Invalid(request.Pattern) is { } problem)
            return Problems.Invalid(problem);
        if (await db.PageRules.FindAsync([id], cancellationToken) is not { } rule)
            return Problems.Missing("Page rule", id);
        rule.Pattern = request.Pattern!.Trim();
        rule.Exclude = request.Exclude;
        rule.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Ok(PageRuleDto.From(rule));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePageRule(long id, OmnichannelDb db, EngagementCatalog catalog, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (await db.PageRules.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
            return Problems.Missing("Page rule", id);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<EngagementRule>>> ListRules(OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.EngagementRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken));

    public static async Task<Results<Created<EngagementRule>, ProblemHttpResult>> CreateRule(
        EngagementRuleRequest request, OmnichannelDb db, EngagementCatalog catalog, TimeProvider time, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (InvalidRule(request) is { } problem)
            return Problems.Invalid(problem);
        var rule = new EngagementRule { Name = request.Name!.Trim() };
        Fill(rule, request, time);
        db.EngagementRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Created($"/api/engagement/rules/{rule.Id}", rule);
    }

    public static async Task<Results<Ok<EngagementRule>, ProblemHttpResult>> UpdateRule(
        long id, EngagementRuleRequest request, OmnichannelDb db, EngagementCatalog catalog, TimeProvider time, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (InvalidRule(request) is { } problem)
            return Problems.Invalid(problem);
        if (await db.EngagementRules.FindAsync([id], cancellationToken) is not { } rule)
            return Problems.Missing("Engagement rule", id);
        rule.Name = request.Name!.Trim();
        Fill(rule, request, time);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Ok(rule);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRule(long id, OmnichannelDb db, EngagementCatalog catalog, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        if (await db.EngagementRules.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
            return Problems.Missing("Engagement rule", id);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.NoContent();
    }

    private static string? InvalidRule(EngagementRuleRequest r) =>
        string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100 ? "The name is required (up to 100 characters)."
        : PageGlob.Invalid(r.Pages ?? "*") is { } pages ? pages
        : r.Conditions is null or { Count: 0 } or { Count: > 20 } ? "A rule needs 1–20 conditions."
        : r.Conditions.Any(c => c.Percentile is < 1 or > 99) ? "A dwell percentile is between 1 and 99."
        : r.Greeting is null or { Count: 0 } || r.Greeting.Values.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 500) ? "A greeting text (up to 500 characters) is required in at least one language."
        : null;

    private static void Fill(EngagementRule rule, EngagementRuleRequest r, TimeProvider time)
    {
        rule.Enabled = r.Enabled;
        rule.Pages = (r.Pages ?? "*").Trim();
        rule.Conditions = r.Conditions!;
        rule.Threshold = r.Threshold;
        rule.Greeting = r.Greeting!.ToDictionary(g => g.Key.Trim().ToLowerInvariant(), g => g.Value.Trim());
        rule.Priority = r.Priority;
        rule.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }
}
