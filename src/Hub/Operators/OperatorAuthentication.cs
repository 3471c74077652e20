using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Omnichannel.Hub.Operators;

internal static class OperatorAuthentication
{
    /// <summary>Cookie for the console, bearer tokens for integrations and SignalR clients; API calls get 401/403, never a redirect.</summary>
    public static AuthenticationBuilder AddOperatorSchemes(this AuthenticationBuilder auth) => auth
        .AddPolicyScheme(AuthSchemes.Operator, "Operator", o => o.ForwardDefaultSelector = context =>
            // A bearer on the widget's hub is a visitor token (its own scheme): not tried as an operator's, which
            // would fail with a caught CryptographicException on every widget connect.
            (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/hubs/visitor"))
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
