using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Messenger;

public static class MessengerChannel
{
    /// <summary>Facebook Messenger over the Graph API. Off (and says so at start) until configured.</summary>
    public static IServiceCollection AddMessengerChannel(this IServiceCollection services)
    {
        services.AddOptions<MessengerOptions>().BindConfiguration(MessengerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SignatureGuard>();
        services.AddChannelHttpClient(MessengerSender.HttpClientName, _ => null, sp => sp.GetRequiredService<IOptions<MessengerOptions>>().Value.RequestTimeout);
        services.AddSingleton<MessengerProfiles>();
        services.AddScoped<MessengerReceiver>();
        services.AddScoped<IChannelSender, MessengerSender>();
        services.AddHostedService<MessengerStartupReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapMessengerChannel(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/webhooks/messenger").AllowAnonymous().ExcludeFromDescription();
        hooks.MapGet("/", (HttpRequest request, MessengerReceiver receiver) => receiver.Verify(request));
        hooks.MapPost("/", (HttpRequest request, MessengerReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(request, ct));
        return app;
    }

    private sealed class MessengerStartupReport(IOptions<MessengerOptions> options, ChannelHealth health, ILogger<MessengerStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var missing = options.Value.Missing();
            health.Started(ChannelKind.Messenger, missing);
            if (missing is null)
                logger.LogInformation("Messenger is on (Graph {Version}); webhook: GET+POST /webhooks/messenger", options.Value.ApiVersion);
            else
                logger.LogInformation("Messenger is off: {Missing}", missing);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
