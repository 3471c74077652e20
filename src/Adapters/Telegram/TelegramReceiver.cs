using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Omnichannel.Adapters.Telegram;

/// <summary>
/// Telegram updates, from the webhook (secret token checked in constant time, 401 on mismatch) or from the
/// long-polling listener: mapped and handed to the hub, which persists them (deduplicated by update_id).
/// </summary>
public sealed class TelegramReceiver(
    IInboundSink sink, IOptions<TelegramOptions> options, SignatureGuard signatures, TimeProvider time, ILogger<TelegramReceiver> logger)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> WebhookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured || settings.Mode != TelegramMode.Webhook)
            return Results.Problem("The Telegram webhook is not enabled on this hub (Channels:Telegram:Mode).", statusCode: StatusCodes.Status404NotFound);
        var given = request.Headers[SecretHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(settings.WebhookSecret!)))
        {
            signatures.Failed(ChannelKind.Telegram);
            logger.LogWarning("Refused a Telegram webhook with a {Problem} secret token", given.Length == 0 ? "missing" : "wrong");
            return Results.Problem($"{SecretHeader} does not match.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        signatures.Passed(ChannelKind.Telegram);
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var (update, error) = TelegramMapper.Parse(Encoding.UTF8.GetString(body));
        if (update is null)
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Malformed update");
        var callbackQueryId = await HandleAsync(update, cancellationToken);
        // A tapped button is answered in the webhook's own response (Bot API: "make a request to the Bot API while
        // sending an answer to the webhook"), so the customer's button stops spinning without another call.
        return callbackQueryId is null ? Results.Ok() : Results.Json(new { method = "answerCallbackQuery", callback_query_id = callbackQueryId });
    }

    /// <summary>One update, however it arrived: stored, applied or ignored (with the reason in the log).
    /// Returns the callback query to answer, if the update was a tapped button.</summary>
    public async Task<string?> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        switch (TelegramMapper.Map(update, now))
        {
            case TelegramInbound inbound:
                await sink.ReceiveAsync(inbound.Message, cancellationToken);
                return inbound.CallbackQueryId;
            case TelegramEdit edit:
                if (!await sink.EditAsync(edit.Edit, cancellationToken))
                    await sink.ReceiveAsync(edit.AsNew, cancellationToken);
                return null;
            case TelegramReaction reaction:
                await sink.ReactAsync(reaction.Reaction, cancellationToken);
                return null;
            case TelegramReachability change:
                await sink.SetReachabilityAsync(change.Change, cancellationToken);
                return null;
            case TelegramIgnored ignored:
                logger.LogDebug("Ignored Telegram update {UpdateId}: {Reason}", update.Id, ignored.Reason);
                return null;
            default:
                return null;
        }
    }
}

/// <summary>Bot API clients on our resilient HttpClient, pointed at the configured Bot API server.</summary>
public sealed class TelegramClients(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
{
    public const string HttpClientName = "telegram";

    /// <summary>The Bot API address requests really go to (for failure texts; never includes the token).</summary>
    public string Endpoint => options.Value.ApiBaseUrl is { Length: > 0 } url ? url.TrimEnd('/') : "https://api.telegram.org";

    public ITelegramBotClient Create() =>
        new TelegramBotClient(new TelegramBotClientOptions(options.Value.BotToken!, options.Value.ApiBaseUrl is { Length: > 0 } url ? url : null),
            httpClients.CreateClient(HttpClientName));
}
