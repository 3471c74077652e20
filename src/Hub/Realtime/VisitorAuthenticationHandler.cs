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
        var header = Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
            return Task.FromResult(AuthenticateResult.NoResult());
        var visitorId = tokens.Read(token);
        if (visitorId is null)
            return Task.FromResult(AuthenticateResult.Fail("The visitor token is not valid."));
        var identity = new ClaimsIdentity([new Claim(VisitorIdClaim, visitorId)], AuthSchemes.Visitor);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.Visitor)));
    }
}

public static class VisitorClaims
{
    public static string VisitorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(VisitorAuthenticationHandler.VisitorIdClaim) ?? throw new InvalidOperationException("Not a visitor.");
}
