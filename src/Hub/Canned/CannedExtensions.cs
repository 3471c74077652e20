using Omnichannel.Hub.Canned;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class CannedExtensions
{
    /// <summary>Canned responses: personal, team and shop-wide sets with {{variables}}, inserted with "/" in the reply box.</summary>
    public static WebApplicationBuilder AddCannedResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CannedOptions>().BindConfiguration(CannedOptions.Section);
        builder.Services.AddScoped<CannedVariables>();
        return builder;
    }

    public static WebApplication MapCannedResponses(this WebApplication app)
    {
        app.MapCannedApi();
        return app;
    }
}
