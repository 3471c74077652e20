using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>
/// POST /webhooks/botframework: the Bot Connector's JWT is checked before anything is read into the hub (401 with
/// the reason, nothing stored), then the activity is mapped and handed over; the connector gets 200 at once.
/// </summary>
public sealed class BotFrameworkReceiver(
    IInboundSink sink, IOptions<BotFrameworkOptions> options, BotFrameworkTokenValidator tokens, SignatureGuard signatures, TimeProvider time,
    ILogger<BotFrameworkReceiver> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
            return Results.Problem("The Bot Framework channel is not configured on this hub.", statusCode: StatusCodes.Status404NotFound);
        if (request.ContentLength > MaxBodyBytes)
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var (activity, error) = BotFrameworkMapper.Parse(buffer.ToArray());

        string? refused;
        try
        {
            refused = await tokens.ValidateAsync(request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null,
                activity is null ? null : BotFrameworkMapper.ServiceUrl(activity), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The signing keys could not be fetched: the connector retries a 503; nothing is stored meanwhile.
            logger.LogWarning("Bot Framework signing keys could not be fetched: {Reason}", ex.Message);
            return Results.Problem("The Bot Connector's signing keys cannot be fetched right now.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (refused is not null)
        {
            signatures.Failed(ChannelKind.BotFramework);
            logger.LogWarning("Refused a Bot Framework activity: {Reason}", refused);
            return Results.Problem(refused, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        signatures.Passed(ChannelKind.BotFramework);
        if (activity is null)
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity");

        switch (BotFrameworkMapper.Map(activity, time.GetUtcNow().UtcDateTime))
        {
            case BotFrameworkInbound inbound:
                await sink.ReceiveAsync(inbound.Message, cancellationToken);
                break;
            case BotFrameworkEdit edit:
                await sink.EditAsync(edit.Edit, cancellationToken);
                break;
            case BotFrameworkReaction reaction:
                await sink.ReactAsync(reaction.Reaction, cancellationToken);
                break;
            case BotFrameworkIgnored ignored:
                logger.LogDebug("Ignored a Bot Framework activity: {Reason}", ignored.Reason);
                break;
        }
        return Results.Ok();
    }
}
