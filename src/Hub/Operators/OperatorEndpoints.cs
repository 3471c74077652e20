using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

public static class OperatorEndpoints
{
    public static void MapOperatorAdmin(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/operators").WithTags("Operators");
        operators.MapGet("/", List).RequireAuthorization(Policies.Operator);
        operators.MapPost("/", Create).RequireAuthorization(Policies.Admin);
    }

    /// <summary>Everyone sees colleagues' names; only supervisors and admins see their e-mail addresses.</summary>
    public static async Task<Ok<List<OperatorDto>>> List(HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var me = http.User.OperatorId();
        var supervises = http.User.IsInRole(Roles.Supervisor);
        return TypedResults.Ok(await db.Operators.AsNoTracking().OrderBy(o => o.DisplayName).AsAsyncEnumerable()
            .Select(o => supervises || o.Id == me ? OperatorDto.From(o) : OperatorDto.From(o) with { Email = null }).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Created<OperatorDto>, ProblemHttpResult>> Create(
        CreateOperatorRequest request, HttpContext http, OperatorAccounts accounts, Audit.AuditLog audit, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var role = request.Role ?? Roles.Operator;
        var problem = (request.Email, request.DisplayName, request.Password) switch
        {
            (null or "", _, _) => "Email is required.",
            (var e, _, _) when !e.Contains('@') || e.Length > 320 => "Email is not a valid address.",
            (_, null or "", _) => "Display name is required.",
            (_, _, null) => "Password is required.",
            (_, _, var p) when p.Length < 8 => "Password must have at least 8 characters.",
            _ when !Roles.IsKnown(role) => "Role must be operator, supervisor, admin or analyst.",
            _ => null,
        };
        if (problem is not null)
            return Problems.Invalid(problem);
        if (await accounts.ExistsAsync(request.Email!, cancellationToken))
            return Problems.Conflict("An operator with this email exists.");
        var op = await accounts.CreateAsync(request.Email!, request.DisplayName!, request.Password!, role, cancellationToken);
        audit.Record(http.User, "operator.created", $"operator {op.Id}", null, OperatorDto.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/operators/{op.Id}", OperatorDto.From(op));
    }
}
