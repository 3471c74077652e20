using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Twilio;

public static class TwilioChannel
{
    /// <summary>WhatsApp and SMS through one Twilio account. Each is off (and says so at start) until configured.</summary>
    public static IServiceCollection AddTwilioChannels(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section);
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section);
        services.TryAddSingleton<SignatureGuard>();
        services.AddChannelHttpClient(TwilioSender.HttpClientName,
            sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl is { Length: > 0 } url ? new Uri(url) : null,
            sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestTimeout);
        services.AddScoped<TwilioReceiver>();
        foreach (var kind in new[] { ChannelKind.WhatsApp, ChannelKind.Sms })
            services.AddScoped<IChannelSender>(sp => ActivatorUtilities.CreateInstance<TwilioSender>(sp, kind));
        services.AddHostedService<TwilioStartupReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapTwilioChannels(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/webhooks/twilio").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        hooks.MapPost("/", (HttpContext http, TwilioReceiver receiver, CancellationToken ct) => receiver.InboundAsync(http, ct));
        hooks.MapPost("/status", (HttpContext http, TwilioReceiver receiver, CancellationToken ct) => receiver.StatusAsync(http, ct));
        return app;
    }

    /// <summary>What is on and what is off, logged once at start and shown in /healthz (never the secrets).</summary>
    private sealed class TwilioStartupReport(
        IOptions<TwilioOptions> twilio, IOptions<WhatsAppOptions> whatsApp, IOptions<SmsOptions> sms, ChannelHealth health, ILogger<TwilioStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Report(ChannelKind.WhatsApp, whatsApp.Value.Enabled, "Channels:WhatsApp:From");
            Report(ChannelKind.Sms, sms.Value.Enabled, "Channels:Sms:From (or MessagingServiceSid)");
            return Task.CompletedTask;
        }

        private void Report(ChannelKind channel, bool numberSet, string numberKey)
        {
            var missing = !twilio.Value.HasCredentials ? "Channels:Twilio:AccountSid and AuthToken are not set"
                : !numberSet ? $"{numberKey} is not set"
                : null;
            health.Started(channel, missing);
            if (missing is null)
                logger.LogInformation("{Channel} is on (Twilio account {Account}); webhook: POST /webhooks/twilio, status: POST /webhooks/twilio/status", channel, Mask(twilio.Value.AccountSid!));
            else
                logger.LogInformation("{Channel} is off: {Missing}", channel, missing);
        }

        private static string Mask(string sid) => sid.Length > 6 ? sid[..2] + "…" + sid[^4..] : "…";

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
