using Omnichannel.Hub.Targeting;
// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class TargetingExtensions
{
    /// <summary>Page rules, visitor signals, proactive engagement (rules, scoring, gates) and the live visitors list.</summary>
    public static WebApplicationBuilder AddTargeting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngagementOptions>().BindConfiguration(EngagementOptions.Section);
        builder.Services.AddSingleton<EngagementCatalog>();
        builder.Services.AddSingleton<DwellHistory>();
        builder.Services.AddSingleton<LiveVisitors>();
        builder.Services.AddScoped<SignalsService>();
        builder.Services.AddHostedService<WidgetStateClock>();
        return builder;
    }

    public static WebApplication MapTargeting(this WebApplication app)
    {
        app.MapTargetingApi();
        return app;
    }
}
