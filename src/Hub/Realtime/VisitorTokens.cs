using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// Visitor ids are minted by the hub (POST /api/widget/visitor) and handed to the widget signed and encrypted with the
/// hub's data-protection keys, with an expiry (<see cref="WidgetEmbedOptions.VisitorTokenLifetime"/>, on the hub's
/// <see cref="TimeProvider"/>): a visitor cannot pose as another by editing local storage, and signals, the visitor hub
/// and the widget API take only a token the hub issued and that has not expired. A token past half its life is renewed
/// by the session endpoint and the signals answer (the widget keeps the newest).
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider, TimeProvider time, IOptionsMonitor<WidgetEmbedOptions> options)
{
    private readonly IDataProtector protector = provider.CreateProtector("Omnichannel.VisitorToken.v2");

    public (string VisitorId, string Token) Mint() => ("v_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))) is var id ? (id, Issue(id)) : default;

    /// <summary>A new token for a known visitor id (a renewal): same visitor, a full lifetime from now.</summary>
    public string Issue(string visitorId) =>
        protector.Protect($"{visitorId}|{(time.GetUtcNow() + options.CurrentValue.VisitorTokenLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The visitor id of a valid, unexpired token this hub issued; null otherwise.</summary>
    public string? Read(string? token) => Open(token) is { } t && t.ExpiresAt > time.GetUtcNow() ? t.VisitorId : null;

    /// <summary>True when the (valid) token is past half its lifetime and should be replaced.</summary>
    public bool NeedsRenewal(string? token) =>
        Open(token) is { } t && t.ExpiresAt - time.GetUtcNow() < options.CurrentValue.VisitorTokenLifetime / 2;

    private (string VisitorId, DateTimeOffset ExpiresAt)? Open(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
            return null;
        try
        {
            var parts = protector.Unprotect(token).Split('|');
            if (parts is not [var id, var expires] || !id.StartsWith("v_", StringComparison.Ordinal)
                || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
                return null;
            return (id, DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253_402_300_799)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
