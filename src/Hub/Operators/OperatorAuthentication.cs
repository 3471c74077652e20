using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Omnichannel.Hub.Operators;

internal static class OperatorAuthentication
{
    /// <summary>Cookie for the console, bearer tokens for integrations and SignalR clients; API calls get 401/403, never a redirect.</summary>
    public static AuthenticationBuilder AddOperatorSchemes(this AuthenticationBuilder auth) => auth
        .AddPolicyScheme(AuthSchemes.Operator, "Operator", o => o.ForwardDefaultSelector = context =>
            // The widget's hub is visitors' only (Realtime.VisitorGate authenticates its requests before this scheme could):
            // anything there asking the default scheme gets the visitor's, never an operator's — a bearer there is a
            // visitor token (as an operator's it failed with a caught CryptographicException).
            Realtime.VisitorGate.Covers(context) ? AuthSchemes.Visitor
            : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (context.Request.Path.StartsWithSegments("/hubs/console") && context.Request.Query.ContainsKey("access_token"))
                ? AuthSchemes.Bearer
                : AuthSchemes.Cookie)
        .AddCookie(AuthSchemes.Cookie, o =>
        {
            o.Cookie.Name = "omnichannel.operator";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        })
        .AddBearerToken(AuthSchemes.Bearer, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromHours(12);
            o.Events.OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs/console") && context.Request.Query["access_token"] is { Count: > 0 } token)
                    context.Token = token;
                return Task.CompletedTask;
            };
        });

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
