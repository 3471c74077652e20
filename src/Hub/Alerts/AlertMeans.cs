using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Hub.Storage;
using Telegram.Bot;

namespace Omnichannel.Hub.Alerts;

public enum AlertMeansKind
{
    WebPush,
    Telegram,
}

/// <summary>What an alert says; also the JSON payload of the push (the console's service worker shows it and posts AckUrl when it is opened).</summary>
public sealed record AlertPayload(long AlertId, string Kind, long ConversationId, long? OfferId, string Title, string Body, string Url, string AckUrl);

/// <summary>One way to reach an operator who is not looking at the console. Tried in <see cref="Kind"/> order.</summary>
public interface IAlertMeans
{
    AlertMeansKind Kind { get; }

    Task<bool> IsSetUpAsync(OmnichannelDb db, long operatorId, CancellationToken cancellationToken);

    /// <returns>Whether it was handed to at least one endpoint.</returns>
    Task<bool> SendAsync(OmnichannelDb db, long operatorId, AlertPayload alert, CancellationToken cancellationToken);
}

/// <summary>Web Push (RFC 8030) with VAPID (RFC 8292, "vapid t=…, k=…") and aes128gcm payload encryption (RFC 8291).</summary>
public sealed class WebPushMeans(IHttpClientFactory httpClients, VapidKeys keys, IOptions<AlertOptions> options, ILogger<WebPushMeans> logger) : IAlertMeans
{
    public const string HttpClientName = "webpush";

    public AlertMeansKind Kind => AlertMeansKind.WebPush;

    public Task<bool> IsSetUpAsync(OmnichannelDb db, long operatorId, CancellationToken cancellationToken) =>
        db.Set<PushSubscriptionRecord>().AnyAsync(s => s.OperatorId == operatorId, cancellationToken);

    public async Task<bool> SendAsync(OmnichannelDb db, long operatorId, AlertPayload alert, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Set<PushSubscriptionRecord>().Where(s => s.OperatorId == operatorId).ToListAsync(cancellationToken);
        using var vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = options.Value.VapidSubject };
        var client = new PushServiceClient(httpClients.CreateClient(HttpClientName))
        {
            DefaultAuthentication = vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
        var delivered = false;
        foreach (var record in subscriptions)
        {
            var subscription = new PushSubscription { Endpoint = record.Endpoint };
            subscription.SetKey(PushEncryptionKeyName.P256DH, record.P256dh);
            subscription.SetKey(PushEncryptionKeyName.Auth, record.Auth);
            var message = new PushMessage(JsonSerializer.Serialize(alert, JsonSerializerOptions.Web))
            {
                TimeToLive = (int)options.Value.PushTimeToLive.TotalSeconds,
                Urgency = PushMessageUrgency.High,
                Topic = $"conversation-{alert.ConversationId}",
            };
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, message, cancellationToken);
                delivered = true;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                // The browser unsubscribed: forget it.
                db.Remove(record);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning(ex, "Web Push to operator {OperatorId} failed", operatorId);
            }
        }
        return delivered;
    }
}

/// <summary>A private message from the hub's Telegram bot, when the Telegram channel is configured and the operator linked their chat.</summary>
public sealed class TelegramMeans(IServiceProvider services, IOptions<TelegramOptions> telegram, ILogger<TelegramMeans> logger) : IAlertMeans
{
    public AlertMeansKind Kind => AlertMeansKind.Telegram;

    public async Task<bool> IsSetUpAsync(OmnichannelDb db, long operatorId, CancellationToken cancellationToken) =>
        telegram.Value.IsConfigured && await ChatIdAsync(db, operatorId, cancellationToken) is not null;

    public async Task<bool> SendAsync(OmnichannelDb db, long operatorId, AlertPayload alert, CancellationToken cancellationToken)
    {
        if (!telegram.Value.IsConfigured || await ChatIdAsync(db, operatorId, cancellationToken) is not { } chatId)
            return false;
        try
        {
            await services.GetRequiredService<TelegramClients>().Create().SendMessage(chatId, $"{alert.Title}\n{alert.Body}", cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Telegram alert to operator {OperatorId} failed", operatorId);
            return false;
        }
    }

    private static Task<long?> ChatIdAsync(OmnichannelDb db, long operatorId, CancellationToken cancellationToken) =>
        db.Set<OperatorAlertSettings>().Where(s => s.OperatorId == operatorId).Select(s => s.TelegramChatId).FirstOrDefaultAsync(cancellationToken);
}
