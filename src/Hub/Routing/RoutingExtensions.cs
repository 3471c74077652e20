using Omnichannel.Hub.Routing;
using Microsoft.Extensions.Options;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class RoutingExtensions
{
    public static WebApplicationBuilder AddRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section);
        builder.Services.AddOptions<OpeningHoursOptions>().BindConfiguration(OpeningHoursOptions.Section);
        builder.Services.AddSingleton(sp => new OpeningHours(sp.GetRequiredService<IOptions<OpeningHoursOptions>>().Value));
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddOptions<AvailabilityOptions>().BindConfiguration(AvailabilityOptions.Section);
        builder.Services.AddSingleton<HandleTimeLearner>();
        builder.Services.AddHostedService<QueueRestamp>();
        builder.Services.AddSingleton<WidgetStateService>();
        builder.Services.AddScoped<RoutingQueries>();
        builder.Services.AddScoped<WebChatQueue>();
        builder.Services.AddSingleton<RoutingGroups>();
        builder.Services.AddScoped<RoutingEngine>();
        builder.Services.AddSingleton<Omnichannel.Hub.Routing.Rules.RoutingRuleCatalog>();
        builder.Services.AddScoped<Omnichannel.Hub.Routing.Rules.RoutingNeedsStep>();
        builder.Services.AddSingleton<Omnichannel.Hub.Scheduling.IDueWork, RoutingWork>();
        return builder;
    }

    public static WebApplication MapRouting(this WebApplication app)
    {
        app.MapRoutingApi();
        Omnichannel.Hub.Routing.Rules.RoutingRuleEndpoints.MapRoutingRuleApi(app);
        return app;
    }
}
