using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Protection;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The named policies endpoints opt into with RequireRateLimiting.</summary>
public static class RateLimitPolicies
{
    public const string VisitorSessions = "visitor-sessions";
    public const string Signals = "signals";
    public const string Connections = "connections";
    public const string Login = "login";
}

public static class RateLimitsExtensions
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<WidgetQuotas>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<WidgetQuotaFilter>());
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                return TooManyAsync(context.HttpContext, retryAfter, "Too many requests from this address; try again later.");
            };
            o.AddPolicy(RateLimitPolicies.VisitorSessions, http => Window(http, RateLimitPolicies.VisitorSessions, l => l.VisitorSessions));
            o.AddPolicy(RateLimitPolicies.Signals, http => Window(http, RateLimitPolicies.Signals, l => l.Signals));
            o.AddPolicy(RateLimitPolicies.Login, http => Window(http, RateLimitPolicies.Login, l => l.LoginPerIp));
            o.AddPolicy(RateLimitPolicies.Connections, http =>
            {
                var limits = Limits(http);
                return !limits.Enabled ? RateLimitPartition.GetNoLimiter("off")
                    : RateLimitPartition.GetConcurrencyLimiter(ClientIp(http),
                        _ => new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, limits.ConnectionsPerIp), QueueLimit = 0 });
            });
        });
        return builder;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>429 with Retry-After (whole seconds, at least 1) and a problem-details body.</summary>
    public static async ValueTask TooManyAsync(HttpContext http, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests($"{detail} Retry after {seconds} s.").ExecuteAsync(http);
    }

    /// <summary>The client's address (a proxy's X-Forwarded-For is honoured only when ForwardedHeaders is set up).</summary>
    public static string ClientIp(HttpContext http) => (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static RateLimitPartition<string> Window(HttpContext http, string name, Func<RateLimitOptions, WindowLimit> pick)
    {
        var limits = Limits(http);
        if (!limits.Enabled)
            return RateLimitPartition.GetNoLimiter("off");
        var limit = pick(limits);
        var key = $"{name}:{ClientIp(http)}";
        // With Redis every hub counts against the same window; without it, each process counts its own.
        if (http.RequestServices.GetService<SharedWindows>() is { } shared)
            return RateLimitPartition.Get(key, k => new SharedWindowLimiter(shared, k, limit));
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.Permits),
            Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
