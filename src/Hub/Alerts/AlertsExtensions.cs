namespace Omnichannel.Hub.Alerts;

public static class AlertsExtensions
{
    /// <summary>Operator alerts off-screen: Web Push (VAPID keys created at first start), then Telegram, with fallback.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton<VapidKeys>();
        builder.Services.AddSingleton<ConsoleVisibility>();
        builder.Services.AddSingleton<AlertCoordinator>();
        builder.Services.AddHttpClient(WebPushMeans.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
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
