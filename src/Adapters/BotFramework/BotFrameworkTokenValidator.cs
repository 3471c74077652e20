using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>
/// Checks the Bot Connector's JWT on every activity, as the Bot Framework authentication spec says: RS256 signature
/// by a key from the OpenID metadata, issuer, audience = our app id, not expired (with clock skew), and the
/// serviceurl claim equal to the activity's serviceUrl (so a token cannot redirect our replies elsewhere).
/// </summary>
public sealed class BotFrameworkTokenValidator(BotFrameworkSigningKeys signingKeys, IOptions<BotFrameworkOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>Null when the token is good, else why not (shown in the 401).</summary>
    public async Task<string?> ValidateAsync(string? authorization, string? serviceUrl, CancellationToken cancellationToken)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == bearer.Length)
            return "Authorization: Bearer <token> is missing.";
        var token = authorization[bearer.Length..].Trim();
        var result = await Handler.ValidateTokenAsync(token, Parameters(await signingKeys.GetAsync(false, cancellationToken)));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            result = await Handler.ValidateTokenAsync(token, Parameters(await signingKeys.GetAsync(true, cancellationToken)));
        if (!result.IsValid)
            return Describe(result.Exception);
        var claimed = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        // (No activity could be read: nothing will be stored or answered, so there is no serviceUrl to protect.)
        if (claimed is not null && serviceUrl is not null && !SameServiceUrl(claimed, serviceUrl))
            return "The token's serviceurl does not match the activity's serviceUrl.";
        return null;
    }

    private TokenValidationParameters Parameters(ICollection<SecurityKey> keys)
    {
        var settings = options.Value;
        return new TokenValidationParameters
        {
            ValidIssuers = settings.Issuers,
            ValidAudience = settings.AppId,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = (notBefore, expires, _, p) => Lifetime(notBefore, expires, time.GetUtcNow().UtcDateTime, p.ClockSkew),
        };
    }

    /// <summary>Pure: a token is current from nbf − skew until exp + skew (exp required).</summary>
    public static bool Lifetime(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan skew) =>
        expires is { } exp && now <= exp.ToUniversalTime() + skew && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - skew);

    private static bool SameServiceUrl(string claimed, string actual) =>
        string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => "The token has expired (or is not valid yet).",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not the Bot Connector.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the Bot Connector does not publish.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed.",
        _ => "The token is not valid.",
    };
}
