using Omnichannel.Hub.Site;

namespace Omnichannel.Hub.Operators;

/// <summary>What an admin may set on an operator, validated field by field before anything is applied.</summary>
public static class OperatorRules
{
    public static FieldErrors Validate(UpdateOperatorRequest request)
    {
        var errors = new FieldErrors();
        if (request.Email is { } email)
            errors.AddIf(!email.Contains('@') || email.Trim().Length > 320, "email", "Email is not a valid address.");
        if (request.DisplayName is { } name)
            errors.AddIf(name.Trim().Length is 0 or > 200, "displayName", "The name must have 1–200 characters.");
        if (request.Role is { } role)
            errors.AddIf(!Roles.IsKnown(role), "role", "Role must be operator, supervisor, admin or analyst.");
        errors.AddIf(request.LiveCapacity is < 0 or > 50, "liveCapacity", "Live capacity must be 0–50.");
        errors.AddIf(request.AsyncCapacity is < 0 or > 200, "asyncCapacity", "Asynchronous capacity must be 0–200.");
        errors.AddIf(request.Skills is { } skills && (skills.Count > 20 || skills.Any(s => s.Length > 40)), "skills", "At most 20 skills of up to 40 characters.");
        errors.AddIf(request.Languages is { } languages && (languages.Count > 10 || languages.Any(l => l.Trim().Length is 0 or > 35)), "languages",
            "At most 10 languages, each a language tag such as en or nl-BE.");
        return errors;
    }

    public static void Apply(Operator op, UpdateOperatorRequest request, string email)
    {
        op.Email = email;
        op.DisplayName = request.DisplayName?.Trim() ?? op.DisplayName;
        op.Role = request.Role ?? op.Role;
        op.LiveCapacity = request.LiveCapacity ?? op.LiveCapacity;
        op.AsyncCapacity = request.AsyncCapacity ?? op.AsyncCapacity;
        op.AutoAccept = request.AutoAccept ?? op.AutoAccept;
        op.Skills = request.Skills is null ? op.Skills : Skills.Normalize(request.Skills);
        op.Languages = request.Languages is null ? op.Languages : Skills.Normalize(request.Languages);
    }

    public static string? PasswordProblem(string? password) =>
        password is null ? "Password is required."
        : password.Length < 8 ? "Password must have at least 8 characters."
        : password.Length > 200 ? "Password must have at most 200 characters."
        : null;
}
