using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Net.Http.Headers;

namespace Omnichannel.Hub.Site;

/// <summary>The demo shop at /, the widget loader at /widget.js and the console SPA at /console, all from wwwroot.</summary>
public static class SiteExtensions
{
    public static WebApplication MapSite(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // The loader must pick up new releases quickly; hashed chunks may be cached for long.
                var path = context.Context.Request.Path.Value ?? "";
                context.Context.Response.Headers[HeaderNames.CacheControl] =
                    path.StartsWith("/console/assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
                if (path is "/widget.js" || path.StartsWith("/widget/", StringComparison.Ordinal))
                    context.Context.Response.Headers[HeaderNames.AccessControlAllowOrigin] = "*";
            },
        });
        app.MapFallbackToFile("/console/{*path:nonfile}", "console/index.html");
        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app));
        return app;
    }

    private static void PrintUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.Take(1))
        {
            var root = address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost").TrimEnd('/');
            Console.WriteLine($"""

                Omnichannel hub is running.
                  Demo shop (with the chat widget): {root}/
                  Operator console:                 {root}/console
                  Supervisor SLA board:             {root}/console/board
                  API (OpenAPI document):           {root}/openapi/v1.json
                  Health:                           {root}/healthz
                Log into the console first: the widget offers chat only while an operator is available.
                """);
        }
    }
}
