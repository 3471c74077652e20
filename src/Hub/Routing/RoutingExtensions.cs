using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Routing;

public static class RoutingExtensions
{
    public static WebApplicationBuilder AddRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section);
        builder.Services.AddOptions<OpeningHoursOptions>().BindConfiguration(OpeningHoursOptions.Section);
        builder.Services.AddSingleton(sp => new OpeningHours(sp.GetRequiredService<IOptions<OpeningHoursOptions>>().Value));
        builder.Services.AddSingleton<RoutingLock>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<WidgetStateService>();
        builder.Services.AddScoped<RoutingQueries>();
        builder.Services.AddScoped<RoutingEngine>();
        builder.Services.AddHostedService<RoutingSweeper>();
        return builder;
    }

    public static WebApplication MapRouting(this WebApplication app)
    {
        app.MapRoutingApi();
        return app;
    }
}
