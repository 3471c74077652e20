using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Analytics;

public static class TelemetryExtensions
{
    /// <summary>OpenTelemetry metrics (the hub's meters plus ASP.NET Core's), exposed for Prometheus scraping at /metrics.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("omnichannel-hub"))
            .WithMetrics(metrics => metrics
            .AddMeter(SlaMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
