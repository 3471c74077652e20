using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

/// <summary>People administration: edit, disable (their open conversations are re-routed), enable, reset a password.</summary>
public static class OperatorAdminEndpoints
{
    public static void MapOperatorPeople(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/operators").WithTags("Operators");
        people.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Operator);
        people.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:long}/disable", Disable).RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:long}/enable", Enable).RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:long}/password", ResetPassword).RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<OperatorDto>, NotFound>> Get(long id, OmnichannelDb db, CancellationToken cancellationToken) =>
        await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } op ? TypedResults.Ok(OperatorDto.From(op)) : TypedResults.NotFound();

    public static async Task<Results<Ok<OperatorDto>, NotFound, ValidationProblem>> Update(
        long id, UpdateOperatorRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, RoutingEngine routing, CancellationToken cancellationToken)
    {
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        var errors = OperatorRules.Validate(request);
        var email = request.Email is null ? op.Email : OperatorAccounts.Normalize(request.Email);
        if (email != op.Email && await db.Operators.AnyAsync(o => o.Email == email && o.Id != id, cancellationToken))
            errors.Add("email", "Another operator has this email.");
        if (id == http.User.OperatorId() && request.Role is { } role && role != Roles.Admin)
            errors.Add("role", "You cannot take the admin role from yourself.");
        if (errors.Any)
            return errors.ToProblem();
        var before = OperatorDto.From(op);
        OperatorRules.Apply(op, request, email);
        audit.Record(http.User, "operator.updated", $"operator {op.Id}", before, OperatorDto.From(op));
        await db.SaveChangesAsync(cancellationToken);
        // More capacity or new skills may let the queue move.
        await routing.DrainAsync(cancellationToken);
        return TypedResults.Ok(OperatorDto.From(op));
    }

    /// <summary>The operator can no longer log in; their offers are withdrawn and their open conversations go back to the queue.</summary>
    public static async Task<Results<Ok<OperatorDto>, NotFound, ValidationProblem>> Disable(
        long id, HttpContext http, OmnichannelDb db, AuditLog audit, RoutingEngine routing, CancellationToken cancellationToken)
    {
        if (id == http.User.OperatorId())
            return FieldErrors.One("id", "You cannot disable yourself.");
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        var before = OperatorDto.From(op);
        op.Disabled = true;
        audit.Record(http.User, "operator.disabled", $"operator {op.Id}", before, OperatorDto.From(op) with { Presence = Presence.Offline });
        await db.SaveChangesAsync(cancellationToken);
        var after = await routing.SetPresenceAsync(id, Presence.Offline, cancellationToken, reason: "operator disabled");
        return TypedResults.Ok(OperatorDto.From(after ?? op));
    }

    public static async Task<Results<Ok<OperatorDto>, NotFound>> Enable(long id, HttpContext http, OmnichannelDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        var before = OperatorDto.From(op);
        op.Disabled = false;
        audit.Record(http.User, "operator.enabled", $"operator {op.Id}", before, OperatorDto.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OperatorDto.From(op));
    }

    /// <summary>Sets a new password (the admin tells it to the person); the audit log records that it happened, never the password.</summary>
    public static async Task<Results<NoContent, NotFound, ValidationProblem>> ResetPassword(
        long id, PasswordResetRequest request, HttpContext http, OmnichannelDb db, IPasswordHasher<Operator> hasher, AuditLog audit, CancellationToken cancellationToken)
    {
        if (OperatorRules.PasswordProblem(request.Password) is { } problem)
            return FieldErrors.One("password", problem);
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        op.PasswordHash = hasher.HashPassword(op, request.Password!);
        audit.Record(http.User, "operator.password-reset", $"operator {op.Id}", null, null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record UpdateOperatorRequest(string? Email, string? DisplayName, string? Role, int? LiveCapacity, int? AsyncCapacity, bool? AutoAccept, List<string>? Skills, List<string>? Languages);

public sealed record PasswordResetRequest(string? Password);
