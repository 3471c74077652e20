using Omnichannel.Hub.Alerts;
// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class AlertsExtensions
{
    /// <summary>Operator alerts off-screen: Web Push (VAPID keys created at first start), then Telegram, with fallback.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton<VapidKeys>();
        builder.Services.AddSingleton<ConsoleVisibility>();
        builder.Services.AddSingleton<AlertCoordinator>();
        builder.Services.AddSingleton<Omnichannel.Hub.Scheduling.IDueWork, AlertFallbackWork>();
        builder.Services.AddOptions<Omnichannel.Hub.Protection.OutboundUrlOptions>().BindConfiguration(Omnichannel.Hub.Protection.OutboundUrlOptions.Section);
        // Push endpoints come from browsers (users): every connection is checked against the outbound URL policy.
        builder.Services.AddHttpClient(WebPushMeans.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = Omnichannel.Hub.Protection.OutboundUrlPolicy.GuardedConnect(
                    () => sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Omnichannel.Hub.Protection.OutboundUrlOptions>>().CurrentValue),
            });
        builder.Services.AddScoped<IAlertMeans, WebPushMeans>();
        builder.Services.AddScoped<IAlertMeans, TelegramMeans>();
        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app)
    {
        // Created at first start, so the console can subscribe at once.
        _ = app.Services.GetRequiredService<VapidKeys>();
        app.MapAlertsApi();
        return app;
    }
}
