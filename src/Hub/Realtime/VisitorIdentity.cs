using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Hub.Realtime;

/// <summary>What a shop says about its logged-in customer, signed on its server: HMAC-SHA256(secret, "id\nemail\nname"), hex.</summary>
public sealed record VisitorIdentityClaim(string? Id, string? Name, string? Email, string? Signature);

public enum IdentityCheck
{
    /// <summary>Signed with the site's secret: the visitor is linked to the contact with that e-mail address.</summary>
    Verified,
    /// <summary>Missing, malformed or mis-signed: ignored, never trusted.</summary>
    Unverified,
}

/// <summary>Pure: checks a shop's signed identity. The signed text is the id, the e-mail and the name, each on its own line.</summary>
public static class IdentitySignature
{
    public static string Payload(string id, string email, string name) => $"{id}\n{email}\n{name}";

    public static string Sign(string secret, string id, string email, string name) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Payload(id, email, name))));

    /// <returns>The claim with the e-mail in lower case when it is well formed and signed with <paramref name="secret"/>; otherwise null.</returns>
    public static VisitorIdentityClaim? Verify(string? secret, VisitorIdentityClaim? claim)
    {
        if (string.IsNullOrEmpty(secret) || claim is not { Id: { Length: > 0 and <= 200 } id, Email: { Length: > 0 and <= 320 } email, Signature: { Length: 64 } signature })
            return null;
        var name = claim.Name ?? "";
        if (name.Length > 200 || $"{id}{email}{name}".Any(char.IsControl) || !MailAddress.TryCreate(email, out var address) || address.Address != email.Trim())
            return null;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Payload(id, email, name)));
        return CryptographicOperations.FixedTimeEquals(given, expected) ? claim with { Email = email.Trim().ToLowerInvariant(), Name = name } : null;
    }
}
