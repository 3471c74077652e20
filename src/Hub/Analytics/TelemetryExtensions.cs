using Microsoft.AspNetCore.Authentication;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Sla;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class TelemetryExtensions
{
    /// <summary>OpenTelemetry metrics (the hub's meters, ASP.NET Core's and the runtime's: GC, thread pool, locks), exposed for Prometheus scraping at /metrics;
    /// the console log without the log scopes it does not print.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        Omnichannel.Hub.Analytics.ScopelessConsole.Apply(builder);
        builder.Services.AddOptions<Omnichannel.Hub.Analytics.MetricsOptions>().BindConfiguration(Omnichannel.Hub.Analytics.MetricsOptions.Section);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("omnichannel-hub"))
            .WithMetrics(metrics => metrics
            .AddMeter(SlaMetrics.MeterName, Omnichannel.Hub.Events.MessageFlowMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        // Protected (Metrics:): a scrape token, a management port, or a supervisor's login; 401 otherwise.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Omnichannel.Hub.Analytics.MetricsOptions>>().CurrentValue;
            var user = (await http.AuthenticateAsync(Omnichannel.Hub.Operators.AuthSchemes.Operator)).Principal;
            if (Omnichannel.Hub.Analytics.MetricsAccess.Allowed(options, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
                    http.Connection.LocalPort, user?.IsInRole(Omnichannel.Hub.Operators.Roles.Supervisor) == true))
                await next(http);
            else
                await Problems.Unauthorized("Metrics need a scrape token (Metrics:ScrapeToken), the management port or a supervisor's login.").ExecuteAsync(http);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
