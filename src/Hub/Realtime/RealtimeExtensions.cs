using Omnichannel.Hub.Realtime;
using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Operators;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.AddFilter<ClosedCallerFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, VisitorAuthenticationHandler>(AuthSchemes.Visitor, null);
        builder.Services.AddWidgetCors();
        builder.Services.AddSingleton<VisitorTokens>();
        builder.Services.AddSingleton<ConsolePush>();
        builder.Services.AddSingleton<ConsoleAudience>();
        builder.Services.AddSingleton<VisitorPushes>();
        builder.Services.AddScoped<VisitorMessages>();
        builder.Services.AddScoped<VerifiedContacts>();
        builder.Services.AddSingleton<TypingThrottle>();
        builder.Services.AddScoped<TypingRelay>();
        builder.Services.AddScoped<Omnichannel.Hub.Routing.VisitorWait>();
        builder.Services.AddScoped<IVisitorPush, VisitorPush>();
        builder.Services.AddOptions<WidgetTextOptions>().BindConfiguration(WidgetTextOptions.Section);
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<VisitorHub>(VisitorGate.Path).ForShops().RequireRateLimiting(RateLimitPolicies.Connections);
        app.MapHub<ConsoleHub>("/hubs/console");
        app.MapWidgetApi();
        app.MapTypingApi();
        return app;
    }
}
