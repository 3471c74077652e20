using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// The widget's surface (its /api/widget endpoints and /hubs/visitor) answers CORS for the shops in
/// <c>Widget:AllowedOrigins</c>; nothing else in the hub has a CORS policy. The widget never uses cookies
/// (the visitor is known by a bearer token), so credentials are never allowed and "*" is safe here.
/// </summary>
public static class WidgetCors
{
    public const string Policy = "Widget";

    public static IServiceCollection AddWidgetCors(this IServiceCollection services)
    {
        services.AddOptions<WidgetEmbedOptions>().BindConfiguration(WidgetEmbedOptions.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<WidgetEmbedOptions>>((cors, widget) =>
            cors.AddPolicy(Policy, p =>
            {
                if (widget.Value.AnyOrigin)
                    p.AllowAnyOrigin();
                else
                    p.WithOrigins([.. widget.Value.ListedOrigins]);
                // Authorization (the visitor token), Content-Type and SignalR's own X-Requested-With / X-SignalR-User-Agent.
                p.AllowAnyHeader().WithMethods("GET", "POST").SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));
        return services;
    }

    /// <summary>Marks an endpoint (or group, or hub) as part of the widget's surface: CORS for the shops, refused for other origins.</summary>
    public static TBuilder ForShops<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCors(Policy).WithMetadata(WidgetSurface.Instance);
}

/// <summary>Endpoint metadata: reachable from the shops' origins (see <see cref="WidgetOriginGuard"/>).</summary>
public sealed class WidgetSurface
{
    public static readonly WidgetSurface Instance = new();
}
