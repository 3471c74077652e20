using System.Text.Json.Serialization;
using Omnichannel.Hub.Realtime;

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
        // A WebSocket's request stays in the pipeline for the socket's life, and a middleware that awaits the rest keeps its
        // frame and features that long: an upgrade gets no error page (a WebSocket client cannot read one), so the two
        // error-page middlewares run for every other request only — 10,000 idle widgets keep ~2.7 MB less.
        app.UseWhen(http => !IsUpgrade(http), pages =>
        {
            pages.UseExceptionHandler();
            pages.UseStatusCodePages();
        });
        // CORS for the widget's surface only (Widget:AllowedOrigins); other origins are refused there.
        app.UseMiddleware<Omnichannel.Hub.Realtime.WidgetOriginGuard>();
        app.UseCors();
        app.UseAuthenticationAndVisitorGate();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }

    private static bool IsUpgrade(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
