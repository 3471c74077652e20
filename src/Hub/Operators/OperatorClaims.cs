using System.Security.Claims;

namespace Omnichannel.Hub.Operators;

/// <summary>How an operator is represented in a login cookie or bearer token, and read back.</summary>
public static class OperatorClaims
{
    public static ClaimsPrincipal Principal(Operator op, string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, op.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, op.DisplayName),
            new(ClaimTypes.Email, op.Email),
            .. Roles.Implied(op.Role).Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static long OperatorId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("Not an operator.");
}
