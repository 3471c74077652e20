using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Routing.Rules;

public static class RoutingRuleEndpoints
{
    public static void MapRoutingRuleApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/routing/rules").WithTags("Routing rules");
        rules.MapGet("/", List).RequireAuthorization(Policies.Supervisor);
        rules.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        rules.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        rules.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
    }

    public static async Task<Ok<List<RoutingRuleDto>>> List(OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.RoutingRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken)).Select(RoutingRuleDto.From).ToList());

    public static async Task<Results<Created<RoutingRuleDto>, ValidationProblem>> Create(
        RoutingRuleRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, RoutingRuleCatalog catalog, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var rule = new RoutingRule { Name = "", Position = await db.RoutingRules.Select(r => (int?)r.Position).MaxAsync(cancellationToken) + 1 ?? 1 };
        if (await ApplyAsync(rule, request, db, cancellationToken) is { Any: true } errors)
            return errors.ToProblem();
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(http.User, "routing-rule.created", $"routing rule {rule.Id}", null, RoutingRuleDto.From(rule));
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Created($"/api/routing/rules/{rule.Id}", RoutingRuleDto.From(rule));
    }

    public static async Task<Results<Ok<RoutingRuleDto>, NotFound, ValidationProblem>> Update(
        long id, RoutingRuleRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, RoutingRuleCatalog catalog, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return TypedResults.NotFound();
        var before = RoutingRuleDto.From(rule);
        if (await ApplyAsync(rule, request, db, cancellationToken) is { Any: true } errors)
            return errors.ToProblem();
        audit.Record(http.User, "routing-rule.updated", $"routing rule {rule.Id}", before, RoutingRuleDto.From(rule));
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.Ok(RoutingRuleDto.From(rule));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(long id, HttpContext http, OmnichannelDb db, AuditLog audit, RoutingRuleCatalog catalog, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return TypedResults.NotFound();
        audit.Record(http.User, "routing-rule.deleted", $"routing rule {rule.Id}", RoutingRuleDto.From(rule), null);
        db.RoutingRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        await changes.AnnounceAsync();
        return TypedResults.NoContent();
    }

    /// <summary>Validates every field first; the rule is changed only when all of them are valid.</summary>
    private static async Task<FieldErrors> ApplyAsync(RoutingRule rule, RoutingRuleRequest request, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = request.Name?.Trim() ?? "";
        errors.AddIf(name.Length is 0 or > 100, "name", "A rule needs a name of up to 100 characters.");
        var channel = string.IsNullOrWhiteSpace(request.Channel) ? null : request.Channel.Trim();
        ChannelKind parsed = default;
        errors.AddIf(channel is not null && (!Enum.TryParse(channel, ignoreCase: true, out parsed) || !Enum.IsDefined(parsed) || char.IsDigit(channel[0])),
            "channel", $"Channel must be one of {string.Join(", ", Enum.GetNames<ChannelKind>())}.");
        var page = string.IsNullOrWhiteSpace(request.PageGroup) ? null : request.PageGroup.Trim();
        if (page is not null && PageGlob.Invalid(page) is { } pageProblem)
            errors.Add("pageGroup", pageProblem);
        var language = string.IsNullOrWhiteSpace(request.Language) ? null : request.Language.Trim().ToLowerInvariant();
        errors.AddIf(language is { Length: > 35 } || language?.Any(ch => !char.IsAsciiLetterOrDigit(ch) && ch != '-') == true, "language", "Language must be a tag such as nl or nl-BE.");
        var keywords = Skills.Normalize(request.Keywords);
        errors.AddIf(keywords.Count > 30 || keywords.Any(k => k.Length > 60), "keywords", "At most 30 keywords of up to 60 characters.");
        var skills = Skills.Normalize(request.Skills);
        errors.AddIf(skills.Count > 20 || skills.Any(s => s.Length > 40), "skills", "At most 20 skills of up to 40 characters.");
        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
            errors.Add("teamId", $"Team {teamId} does not exist.");
        errors.AddIf(request.TeamId is null && skills.Count == 0, "skills", "A rule must set a team, skills or both.");
        errors.AddIf(request.OverflowAfterSeconds is < 5 or > 7 * 24 * 3600, "overflowAfterSeconds", "Overflow must be between 5 seconds and 7 days.");
        errors.AddIf(request.Position is < 0 or > 10000, "position", "Position must be 0–10000.");
        if (errors.Any)
            return errors;
        rule.Name = name;
        rule.Position = request.Position ?? rule.Position;
        rule.Enabled = request.Enabled ?? rule.Enabled;
        rule.Channel = channel is null ? null : parsed.ToString();
        rule.PageGroup = page;
        rule.Language = language;
        rule.Keywords = keywords;
        rule.TeamId = request.TeamId;
        rule.Skills = skills;
        rule.OverflowAfterSeconds = request.OverflowAfterSeconds ?? rule.OverflowAfterSeconds;
        return errors;
    }
}
