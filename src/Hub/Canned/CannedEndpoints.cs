using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Canned;

public sealed record CannedRequest(string? Shortcut, string? Text, CannedScope? Scope, string? Team);
public sealed record RenderRequest(long ConversationId);

public static partial class CannedEndpoints
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex ShortcutPattern();

    public static void MapCannedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/canned-responses").WithTags("Canned responses").RequireAuthorization(Policies.Operator);
        api.MapGet("/", List);
        api.MapPost("/", Create);
        api.MapPut("/{id:long}", Update);
        api.MapDelete("/{id:long}", Delete);
        api.MapPost("/{id:long}/render", Render);
    }

    /// <summary>The responses I may use (shop, team, my own), by shortcut; q searches shortcut and text. Most used first.</summary>
    public static async Task<Ok<List<CannedResponseDto>>> List(HttpContext http, OmnichannelDb db, CancellationToken cancellationToken, string? q = null)
    {
        var query = Visible(db, http.User.OperatorId());
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.Shortcut.ToLower().Contains(term) || c.Text.ToLower().Contains(term));
        }
        var list = await query.OrderByDescending(c => c.UsageCount).ThenBy(c => c.Shortcut).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(CannedResponseDto.From).ToList());
    }

    public static async Task<Results<Created<CannedResponseDto>, ProblemHttpResult>> Create(
        CannedRequest request, HttpContext http, OmnichannelDb db, TimeProvider time, IOptions<CannedOptions> options, CancellationToken cancellationToken)
    {
        if (Validate(request, http, options.Value) is { } problem)
            return problem;
        var now = time.GetUtcNow().UtcDateTime;
        var canned = new CannedResponse
        {
            Shortcut = request.Shortcut!, Text = request.Text!.Trim(), Scope = request.Scope ?? CannedScope.Personal,
            Team = request.Scope == CannedScope.Team ? request.Team : null, OwnerOperatorId = http.User.OperatorId(), CreatedAt = now, UpdatedAt = now,
        };
        db.Set<CannedResponse>().Add(canned);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/canned-responses/{canned.Id}", CannedResponseDto.From(canned));
    }

    public static async Task<Results<Ok<CannedResponseDto>, ProblemHttpResult>> Update(
        long id, CannedRequest request, HttpContext http, OmnichannelDb db, TimeProvider time, IOptions<CannedOptions> options, CancellationToken cancellationToken)
    {
        if (Validate(request, http, options.Value) is { } problem)
            return problem;
        var canned = await db.Set<CannedResponse>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (canned is null || !CanSee(canned, http.User.OperatorId()))
            return Problems.Missing("Canned response", id);
        if (!CanEdit(canned, http))
            return Problems.Forbidden("Only supervisors change team and shop responses.");
        (canned.Shortcut, canned.Text, canned.Scope, canned.Team, canned.UpdatedAt) =
            (request.Shortcut!, request.Text!.Trim(), request.Scope ?? canned.Scope, request.Scope == CannedScope.Team ? request.Team : null, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CannedResponseDto.From(canned));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var canned = await db.Set<CannedResponse>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (canned is null || !CanSee(canned, http.User.OperatorId()))
            return Problems.Missing("Canned response", id);
        if (!CanEdit(canned, http))
            return Problems.Forbidden("Only supervisors delete team and shop responses.");
        db.Remove(canned);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Fills the response in for a conversation and counts the use. Unknown variables render empty and are listed.</summary>
    public static async Task<Results<Ok<RenderedCannedResponse>, ProblemHttpResult>> Render(
        long id, RenderRequest request, HttpContext http, OmnichannelDb db, CannedVariables variables, CancellationToken cancellationToken)
    {
        var me = http.User.OperatorId();
        var canned = await db.Set<CannedResponse>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (canned is null || !CanSee(canned, me))
            return Problems.Missing("Canned response", id);
        if (await variables.ForAsync(request.ConversationId, me, cancellationToken) is not { } values)
            return Problems.Missing("Conversation", request.ConversationId);
        var (text, unknown) = CannedTemplate.Render(canned.Text, values);
        await db.Set<CannedResponse>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsageCount, c => c.UsageCount + 1), cancellationToken);
        return TypedResults.Ok(new RenderedCannedResponse(id, text, unknown));
    }

    private static IQueryable<CannedResponse> Visible(OmnichannelDb db, long me) =>
        db.Set<CannedResponse>().AsNoTracking().Where(c => c.Scope != CannedScope.Personal || c.OwnerOperatorId == me);

    private static bool CanSee(CannedResponse c, long me) => c.Scope != CannedScope.Personal || c.OwnerOperatorId == me;

    private static bool CanEdit(CannedResponse c, HttpContext http) =>
        c.Scope == CannedScope.Personal ? c.OwnerOperatorId == http.User.OperatorId() : http.User.IsInRole(Roles.Supervisor);

    private static ProblemHttpResult? Validate(CannedRequest r, HttpContext http, CannedOptions options)
    {
        var problem = r switch
        {
            _ when !ShortcutPattern().IsMatch(r.Shortcut ?? "") => "The shortcut must be 1–40 letters, digits, - or _.",
            _ when string.IsNullOrWhiteSpace(r.Text) => "The text is empty.",
            { Text.Length: var n } when n > options.MaxLength => $"The text is longer than {options.MaxLength} characters.",
            { Scope: CannedScope.Team, Team: null or "" } => "A team response needs a team.",
            { Scope: CannedScope.Team or CannedScope.Shop } when !http.User.IsInRole(Roles.Supervisor) => "Only supervisors create team and shop responses.",
            _ => null,
        };
        if (problem is null)
            return null;
        return problem.StartsWith("Only", StringComparison.Ordinal) ? Problems.Forbidden(problem) : Problems.Invalid(problem);
    }
}
