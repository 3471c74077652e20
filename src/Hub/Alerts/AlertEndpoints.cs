using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Alerts;

/// <summary>The browser's PushSubscription.toJSON(): endpoint, expirationTime, keys.p256dh, keys.auth.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, long? ExpirationTime, PushSubscriptionKeys? Keys);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

public sealed record PushSubscriptionDto(long Id, string Endpoint, DateTime CreatedAt);

public sealed record VapidPublicKeyDto(string PublicKey);

public sealed record AlertSettingsDto(long? TelegramChatId, bool NotifyWhenAway, int PushSubscriptions, bool TelegramAvailable);

public sealed record AlertSettingsRequest(long? TelegramChatId, bool? NotifyWhenAway);

public static class AlertEndpoints
{
    public static void MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/push/vapid-public-key", (VapidKeys keys) => TypedResults.Ok(new VapidPublicKeyDto(keys.PublicKey)))
            .WithTags("Alerts").AllowAnonymous();
        var me = app.MapGroup("/api/operators/me").WithTags("Alerts").RequireAuthorization(Policies.Operator);
        me.MapPost("/push-subscriptions", Subscribe);
        me.MapDelete("/push-subscriptions", Unsubscribe);
        me.MapGet("/alert-settings", GetSettings);
        me.MapPut("/alert-settings", PutSettings);
        app.MapPost("/api/alerts/{id:long}/ack", Acknowledge).WithTags("Alerts").RequireAuthorization(Policies.Operator);
    }

    /// <summary>Opts in to Web Push alerts on this browser (registering the same endpoint again updates it).</summary>
    public static async Task<Results<Created<PushSubscriptionDto>, ProblemHttpResult>> Subscribe(
        PushSubscriptionRequest request, HttpContext http, OmnichannelDb db, TimeProvider time,
        Microsoft.Extensions.Options.IOptionsMonitor<Protection.OutboundUrlOptions> outbound, CancellationToken cancellationToken)
    {
        if (Validate(request, outbound.CurrentValue) is { } problem)
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid push subscription", problem);
        var subscriptions = db.Set<PushSubscriptionRecord>();
        var record = await subscriptions.FirstOrDefaultAsync(s => s.Endpoint == request.Endpoint, cancellationToken);
        if (record is null)
        {
            record = new PushSubscriptionRecord { Endpoint = request.Endpoint!, P256dh = "", Auth = "" };
            subscriptions.Add(record);
        }
        record.OperatorId = http.User.OperatorId();
        record.P256dh = request.Keys!.P256dh!;
        record.Auth = request.Keys.Auth!;
        record.CreatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created("/api/operators/me/push-subscriptions", new PushSubscriptionDto(record.Id, record.Endpoint, record.CreatedAt));
    }

    /// <summary>Opts this browser out: the endpoint from the PushSubscription JSON body or <c>?endpoint=</c>.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Unsubscribe(HttpContext http, OmnichannelDb db, CancellationToken cancellationToken)
    {
        string? endpoint = http.Request.Query["endpoint"];
        if (string.IsNullOrEmpty(endpoint) && http.Request.ContentLength is > 0 or null && http.Request.HasJsonContentType())
        {
            try
            {
                endpoint = (await http.Request.ReadFromJsonAsync<PushSubscriptionRequest>(cancellationToken))?.Endpoint;
            }
            catch (JsonException)
            {
            }
        }
        if (string.IsNullOrEmpty(endpoint))
            return Problems.Invalid("Give the subscription's endpoint (JSON body or ?endpoint=).");
        var id = http.User.OperatorId();
        var removed = await db.Set<PushSubscriptionRecord>().Where(s => s.OperatorId == id && s.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Ok<AlertSettingsDto>> GetSettings(HttpContext http, OmnichannelDb db, IOptions<TelegramOptions> telegram, CancellationToken cancellationToken)
    {
        var id = http.User.OperatorId();
        var settings = await db.Set<OperatorAlertSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.OperatorId == id, cancellationToken);
        var count = await db.Set<PushSubscriptionRecord>().CountAsync(s => s.OperatorId == id, cancellationToken);
        return TypedResults.Ok(new AlertSettingsDto(settings?.TelegramChatId, settings?.NotifyWhenAway ?? false, count, telegram.Value.IsConfigured));
    }

    /// <summary>Links (or with null unlinks) the operator's Telegram chat with the hub's bot, and sets whether to alert them while away.</summary>
    public static async Task<Ok<AlertSettingsDto>> PutSettings(AlertSettingsRequest request, HttpContext http, OmnichannelDb db, IOptions<TelegramOptions> telegram, CancellationToken cancellationToken)
    {
        var id = http.User.OperatorId();
        try
        {
            await SaveSettingsAsync(db, id, request, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of a first setting at once (two tabs): the other one created the row; update it instead.
            db.ChangeTracker.Clear();
            await SaveSettingsAsync(db, id, request, cancellationToken);
        }
        return await GetSettings(http, db, telegram, cancellationToken);
    }

    private static async Task SaveSettingsAsync(OmnichannelDb db, long id, AlertSettingsRequest request, CancellationToken cancellationToken)
    {
        var settings = await db.Set<OperatorAlertSettings>().FirstOrDefaultAsync(s => s.OperatorId == id, cancellationToken);
        if (settings is null)
        {
            settings = new OperatorAlertSettings { OperatorId = id };
            db.Add(settings);
        }
        settings.TelegramChatId = request.TelegramChatId;
        settings.NotifyWhenAway = request.NotifyWhenAway ?? settings.NotifyWhenAway;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The operator opened the notification: no fallback to the next means.</summary>
    public static async Task<Results<NoContent, NotFound>> Acknowledge(long id, HttpContext http, AlertCoordinator alerts) =>
        await alerts.AcknowledgeAsync(id, http.User.OperatorId()) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static string? Validate(PushSubscriptionRequest request, Protection.OutboundUrlOptions outbound)
    {
        if (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http") || request.Endpoint!.Length > 2000)
            return "endpoint must be the push service's absolute URL.";
        if (Protection.OutboundUrlPolicy.PushEndpointRefusal(endpoint, outbound) is { } refusal)
            return refusal;
        if (Decode(request.Keys?.P256dh) is not { Length: 65 } p256dh || p256dh[0] != 0x04)
            return "keys.p256dh must be the browser's P-256 public key (65 bytes, base64url).";
        if (Decode(request.Keys?.Auth) is not { Length: 16 })
            return "keys.auth must be the 16-byte authentication secret (base64url).";
        return null;
    }

    private static byte[]? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        try
        {
            return WebEncoders.Base64UrlDecode(value.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
