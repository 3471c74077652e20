using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.BotFramework;

public static class BotFrameworkChannel
{
    /// <summary>The Bot Framework Activity protocol (Teams, Direct Line) over plain HTTP. Off until AppId and AppPassword are set.</summary>
    public static IServiceCollection AddBotFrameworkChannel(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SignatureGuard>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddChannelHttpClient(BotConnectorTokens.HttpClientName, _ => null, sp => sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.RequestTimeout);
        services.AddChannelHttpClient(BotFrameworkSigningKeys.HttpClientName, _ => null, sp => sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.RequestTimeout);
        services.AddSingleton<BotFrameworkSigningKeys>();
        services.AddSingleton<BotFrameworkTokenValidator>();
        services.AddSingleton<BotConnectorTokens>();
        services.AddScoped<BotFrameworkReceiver>();
        services.AddScoped<IChannelSender, BotFrameworkSender>();
        services.AddHostedService<BotFrameworkStartupReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapBotFrameworkChannel(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/botframework", (HttpRequest request, BotFrameworkReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(request, ct))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private sealed class BotFrameworkStartupReport(IOptions<BotFrameworkOptions> options, ChannelHealth health, ILogger<BotFrameworkStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var missing = options.Value.IsConfigured ? null : "Channels:BotFramework:AppId and AppPassword are not set";
            health.Started(ChannelKind.BotFramework, missing);
            if (missing is null)
                logger.LogInformation("Bot Framework is on: POST /webhooks/botframework");
            else
                logger.LogInformation("Bot Framework is off: {Missing}", missing);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
