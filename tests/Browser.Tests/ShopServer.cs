using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Browser.Tests;

/// <summary>
/// A shop on its own origin (another loopback port than the hub) that embeds the hub's /widget.js with one
/// script tag, as a site owner does. Optionally with a strict Content-Security-Policy header carrying only the
/// entries docs/widget-embedding.md tells site owners to add.
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    private readonly WebApplication app;

    public Uri Origin { get; }

    /// <summary>The hub the shop embeds; set before the first page is served (the hub is started after the shop, to list the shop's origin).</summary>
    public Uri? Hub { get; set; }

    public string Lang { get; set; } = "en";

    public bool StrictCsp { get; set; }

    private ShopServer(WebApplication app, Uri origin)
    {
        this.app = app;
        Origin = origin;
    }

    public static async Task<ShopServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ShopServer? shop = null;
        app.MapGet("/{page?}", (HttpContext http) =>
        {
            var s = shop!;
            var hub = s.Hub!.ToString().TrimEnd('/');
            if (s.StrictCsp)
                http.Response.Headers["Content-Security-Policy"] = Csp(hub);
            return Results.Content($"""
                <!doctype html>
                <html lang="{s.Lang}">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Corner shop</title></head>
                <body><h1>Corner shop</h1><p>Hand-made boots.</p>
                <script src="{hub}/widget.js" async></script>
                </body></html>
                """, "text/html; charset=utf-8");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        shop = new ShopServer(app, new Uri(address));
        return shop;
    }

    /// <summary>The shop's own strict policy plus exactly the widget's documented entries (docs/widget-embedding.md).</summary>
    public static string Csp(string hub)
    {
        var ws = hub.Replace("https://", "wss://").Replace("http://", "ws://");
        return $"default-src 'self'; script-src 'self' {hub}; connect-src 'self' {hub} {ws}; style-src 'self'; img-src 'self' data: {hub}; object-src 'none'; base-uri 'self'";
    }

    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
