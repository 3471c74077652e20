using Omnichannel.Hub.Events;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class EventsExtensions
{
    /// <summary>The domain-event outbox: claims, the in-process workers, the dispatcher for what nobody handles, fault injection.</summary>
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section);
        builder.Services.AddOptions<FaultOptions>().BindConfiguration(FaultOptions.Section);
        builder.Services.AddSingleton<Faults>();
        builder.Services.AddSingleton<EventClaims>();
        builder.Services.AddSingleton<EventSignal>();
        builder.Services.AddSingleton<EventProcessor>();
        builder.Services.AddSingleton<EventDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        return builder;
    }
}
