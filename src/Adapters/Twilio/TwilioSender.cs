using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;

namespace Omnichannel.Adapters.Twilio;

/// <summary>
/// Sends a WhatsApp or SMS reply with the Twilio SDK (<see cref="MessageResource.CreateAsync(CreateMessageOptions, ITwilioRestClient)"/>)
/// over our resilient HttpClient. WhatsApp replies outside the 24-hour window use the approved template, or fail with the reason.
/// </summary>
public sealed class TwilioSender(
    ChannelKind channel,
    IHttpClientFactory httpClients,
    IOptions<TwilioOptions> twilio,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<SmsOptions> sms,
    IOutboundFiles files,
    ChannelHealth health,
    TimeProvider time,
    ILogger<TwilioSender> logger) : IChannelSender
{
    public const string HttpClientName = "twilio";

    public ChannelKind Channel => channel;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var settings = twilio.Value;
        var links = message.Attachments.Select(files.PublicLink).OfType<Uri>().ToList();
        var plan = TwilioMapper.PlanSend(message, whatsApp.Value, sms.Value, settings.PublicBaseUrl, time.GetUtcNow().UtcDateTime, links);
        if (plan.Options is null)
            return SendResult.Permanent(plan.Refusal!);

        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        try
        {
            var created = await MessageResource.CreateAsync(plan.Options, client);
            health.SendWorked(channel);
            return TwilioMapper.SendResultOf(created.Sid, created.Status?.ToString());
        }
        catch (ApiException ex)
        {
            var reason = $"Twilio refused the message: {ex.Message}{(ex.Code != 0 ? $" (error {ex.Code})" : "")}";
            if (SendFailures.IsCredentialsProblem(ex.Status))
                health.CredentialsRefused(channel, reason);
            logger.LogWarning("Twilio answered {Status} to message {MessageId}: {Reason}", ex.Status, message.MessageId, ex.Message);
            return SendFailures.Classify(ex.Status, reason);
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendResult.Transient($"Twilio could not be reached: {ex.Message}");
        }
    }
}
