using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class HealthExtensions
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChannelHealth>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<ChannelHealthCheck>("channels");
        return builder;
    }

    /// <summary>/healthz: liveness + readiness, with each check and each channel's state in the body.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>Unhealthy channels (revoked token, refused sends) degrade the hub's health, with the provider's reason.</summary>
internal sealed class ChannelHealthCheck(ChannelHealth channels) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = channels.Snapshot();
        var data = states.ToDictionary(s => s.Channel.ToString(), s => (object)new { s.Configured, s.Healthy, s.Reason });
        var failing = states.Where(s => s.Configured && !s.Healthy).Select(s => $"{s.Channel}: {s.Reason}").ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("All configured channels are healthy.", data)
            : HealthCheckResult.Degraded(string.Join("; ", failing), data: data));
    }
}

/// <summary>The store (SQLite or PostgreSQL, named in the data) answers.</summary>
internal sealed class DatabaseHealthCheck(OmnichannelDb db, Microsoft.Extensions.Options.IOptions<StorageOptions> storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = storage.Value.Provider.ToString() };
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{storage.Value.Provider} answers.", data)
            : HealthCheckResult.Unhealthy($"{storage.Value.Provider} does not answer.", data: data);
    }
}
