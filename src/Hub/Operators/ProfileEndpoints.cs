using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

/// <summary>Every operator's own profile: name, console language, spoken languages, password.</summary>
public static class ProfileEndpoints
{
    public static readonly string[] ConsoleLocales = ["en", "nl"];

    public static void MapProfile(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/operators/me").WithTags("Profile").RequireAuthorization(Policies.Operator);
        me.MapPut("/profile", UpdateProfile);
        me.MapPut("/password", ChangePassword);
    }

    public static async Task<Results<Ok<OperatorDto>, NotFound, ValidationProblem>> UpdateProfile(
        ProfileRequest request, HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.DisplayName is { } name)
            errors.AddIf(name.Trim().Length is 0 or > 200, "displayName", "The name must have 1–200 characters.");
        if (request.Locale is { } locale)
            errors.AddIf(!ConsoleLocales.Contains(locale), "locale", $"The console speaks {string.Join(", ", ConsoleLocales)}.");
        errors.AddIf(request.Languages is { } languages && (languages.Count > 10 || languages.Any(l => l.Trim().Length is 0 or > 35)), "languages",
            "At most 10 languages, each a language tag such as en or nl-BE.");
        if (errors.Any)
            return errors.ToProblem();
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == http.User.OperatorId(), cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        op.DisplayName = request.DisplayName?.Trim() ?? op.DisplayName;
        op.Locale = request.Locale ?? op.Locale;
        op.Languages = request.Languages is null ? op.Languages : Skills.Normalize(request.Languages);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OperatorDto.From(op));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> ChangePassword(
        PasswordChangeRequest request, HttpContext http, OmnichannelDb db, IPasswordHasher<Operator> hasher, CancellationToken cancellationToken)
    {
        if (OperatorRules.PasswordProblem(request.NewPassword) is { } problem)
            return FieldErrors.One("newPassword", problem);
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == http.User.OperatorId(), cancellationToken);
        if (op is null)
            return TypedResults.NotFound();
        if (hasher.VerifyHashedPassword(op, op.PasswordHash, request.CurrentPassword ?? "") == PasswordVerificationResult.Failed)
            return FieldErrors.One("currentPassword", "The current password is wrong.");
        op.PasswordHash = hasher.HashPassword(op, request.NewPassword!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record ProfileRequest(string? DisplayName, string? Locale, List<string>? Languages);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
