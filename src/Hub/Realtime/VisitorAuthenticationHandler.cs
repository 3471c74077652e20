using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

/// <summary>Authenticates the widget by its visitor token: "Authorization: Bearer …" or, for WebSockets, "?access_token=…".</summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VisitorTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string VisitorIdClaim = "visitor_id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (string.IsNullOrEmpty(token))
            return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(tokens.Read(token) is { } visitorId
            ? AuthenticateResult.Success(new AuthenticationTicket(Principal(visitorId), AuthSchemes.Visitor))
            : AuthenticateResult.Fail("The visitor token is not valid."));
    }

    /// <summary>The visitor token a request carries: "Authorization: Bearer …" or "?access_token=…" (browsers' WebSockets).</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : request.Query["access_token"].ToString();
    }

    public static ClaimsPrincipal Principal(string visitorId) =>
        new(new ClaimsIdentity([new Claim(VisitorIdClaim, visitorId)], AuthSchemes.Visitor));
}

public static class VisitorClaims
{
    public static string VisitorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(VisitorAuthenticationHandler.VisitorIdClaim) ?? throw new InvalidOperationException("Not a visitor.");
}
