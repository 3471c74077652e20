using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// Visitor ids are minted by the hub and handed to the widget signed (and encrypted) with the hub's
/// data-protection keys, so a visitor cannot pose as another by editing local storage.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Omnichannel.VisitorToken.v1");

    public (string VisitorId, string Token) Mint()
    {
        var visitorId = "v_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return (visitorId, protector.Protect(visitorId));
    }

    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
            return null;
        try
        {
            var id = protector.Unprotect(token);
            return id.StartsWith("v_", StringComparison.Ordinal) ? id : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
