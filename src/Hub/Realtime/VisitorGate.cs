using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// The widget's hub authenticates its own requests: every request under /hubs/visitor (negotiate, the WebSocket, a long
/// poll) carries a visitor token, or is answered 401 and goes no further. Nobody else — no operator, nobody anonymous — gets in.
/// </summary>
/// <remarks>In place of the authentication middleware and <c>[Authorize]</c> on this path: a WebSocket's request stays in
/// the pipeline for the socket's whole life, and those kept their frames, the request's authentication service, both
/// schemes' handlers, results and tickets, the authorization service and its handlers — ~2.8 KB an idle widget — and
/// SignalR authorized every invocation again. A plain delegate keeps no frame: the token is read once, the principal set,
/// and the request goes on or ends here. The same reading as the visitor scheme's (<see cref="VisitorAuthenticationHandler"/>),
/// which the widget's REST endpoints keep.</remarks>
public static class VisitorGate
{
    public const string Path = "/hubs/visitor";

    public static bool Covers(HttpContext http) => http.Request.Path.StartsWithSegments(Path);

    /// <summary>Authentication for every other path, the gate for the widget's hub.</summary>
    public static IApplicationBuilder UseAuthenticationAndVisitorGate(this IApplicationBuilder app)
    {
        app.UseWhen(http => !Covers(http), others => others.UseAuthentication());
        // UseAuthentication marks the builder it is called on; a branch's mark stays in the branch, and the host would add a
        // second authentication middleware in front of everything. This is the mark the host looks for.
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.Use((http, next) =>
        {
            if (!Covers(http))
                return next(http);
            if (http.RequestServices.GetRequiredService<VisitorTokens>().Read(VisitorAuthenticationHandler.TokenOf(http.Request)) is not { } visitorId)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }
            http.User = VisitorAuthenticationHandler.Principal(visitorId);
            return next(http);
        });
    }

    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";
}
