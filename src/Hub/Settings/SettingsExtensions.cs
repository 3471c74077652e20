using Omnichannel.Hub.Settings;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SettingsExtensions
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HubSettings>();
        builder.Services.AddSingleton<ConfigChanges>();
        builder.Services.AddHostedService<ConfigChangeListener>();
        return builder;
    }

    /// <summary>Settings an admin saved in the console override appsettings from the first request on.</summary>
    public static async Task ApplyStoredSettingsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HubSettings>().ApplyStoredAsync(CancellationToken.None);
    }

    public static WebApplication MapSettings(this WebApplication app)
    {
        app.MapSettingsApi();
        return app;
    }
}
