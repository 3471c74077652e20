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
    ILogger<TwilioSender> logger) : IChannelSender, ISendReconciler
{
    public const string HttpClientName = "twilio";

    public ChannelKind Channel => channel;

    /// <summary>The API address requests really go to (the SDK's messages name api.twilio.com whatever the base URL).</summary>
    public static string Endpoint(TwilioOptions settings) => string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? "https://api.twilio.com" : settings.ApiBaseUrl.TrimEnd('/');

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
            return SendFailures.Unreachable("Twilio", Endpoint(settings), ex);
        }
    }

    /// <summary>After an unanswered send: asks Twilio for recent messages to the same number and looks for this text.</summary>
    public async Task<Reconciliation> ReconcileAsync(OutboundMessage message, DateTime attemptedAt, CancellationToken cancellationToken)
    {
        var settings = twilio.Value;
        var plan = TwilioMapper.PlanSend(message, whatsApp.Value, sms.Value, settings.PublicBaseUrl, attemptedAt);
        if (plan.Options is null || plan.Options.Body is null)
            return Reconciliation.NoWayToAsk("Twilio cannot be asked about a template message by its text.");
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        try
        {
            var query = new ReadMessageOptions { To = plan.Options.To, PageSize = 50, Limit = 50 };
            if (plan.Options.From is { } from)
                query.From = from;
            var recent = await MessageResource.ReadAsync(query, client);
            var found = TwilioMapper.FindSend(recent.Select(m => new TwilioSentMessage(m.Sid, m.Body, m.DateCreated)), plan.Options.Body, attemptedAt);
            return found is null
                ? Reconciliation.NotFound($"Twilio ({Endpoint(settings)}) lists no message to {plan.Options.To} with this text since {attemptedAt:u}.")
                : Reconciliation.Arrived(found);
        }
        catch (Exception ex) when (ex is ApiException or ApiConnectionException or HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Could not ask Twilio about message {MessageId}: {Error}", message.MessageId, ex.Message);
            return Reconciliation.CannotTell($"Twilio ({Endpoint(settings)}) could not be asked: {ex.Message}");
        }
    }
}
