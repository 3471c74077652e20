using System.Text.Json.Serialization;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class ApiExtensions
{
    /// <summary>JSON conventions, problem details for every error, and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // CORS for the widget's surface only (Widget:AllowedOrigins); other origins are refused there.
        app.UseMiddleware<Omnichannel.Hub.Realtime.WidgetOriginGuard>();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }
}
