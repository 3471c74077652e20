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
        await HandleAsync(update, cancellationToken);
        return Results.Ok();
    }

    /// <summary>One update, however it arrived. Returns true when it carried a message for the inbox.</summary>
    public async Task<bool> HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var inbound = TelegramMapper.ToInbound(update, time.GetUtcNow().UtcDateTime);
        if (inbound is null)
        {
            logger.LogDebug("Ignored Telegram update {UpdateId} of type {Type}", update.Id, update.Type);
            return false;
        }
        await sink.ReceiveAsync(inbound, cancellationToken);
        return true;
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
