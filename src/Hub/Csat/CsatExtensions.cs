using Omnichannel.Hub.Csat;
// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class CsatExtensions
{
    /// <summary>The satisfaction survey after a conversation closes (its answers are recorded by the inbound flow, see ReceiveMessageHandler).</summary>
    public static WebApplicationBuilder AddCsat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CsatOptions>().BindConfiguration(CsatOptions.Section);
        builder.Services.AddSingleton<CsatLinks>();
        builder.Services.AddScoped<CsatRecorder>();
        builder.Services.AddScoped<CsatAnswers>();
        return builder;
    }

    public static WebApplication MapCsat(this WebApplication app)
    {
        app.MapCsatApi();
        return app;
    }
}
