using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Messenger;

/// <summary>
/// Meta's webhook: GET answers the subscription challenge; POST checks X-Hub-Signature-256 over the raw body
/// (constant time) before parsing, then hands every messaging event to the hub and answers 200.
/// </summary>
public sealed class MessengerReceiver(
    IInboundSink sink, IOptions<MessengerOptions> options, SignatureGuard signatures, MessengerProfiles profiles, ILogger<MessengerReceiver> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    public IResult Verify(HttpRequest request)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return Results.Problem("Messenger is not configured on this hub.", statusCode: StatusCodes.Status404NotFound);
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        if (mode != "subscribe" || challenge.Length == 0)
            return Results.Problem("Expected hub.mode=subscribe with hub.verify_token and hub.challenge.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed verification");
        if (!FixedTimeEquals(token, settings.VerifyToken!))
            return Results.Problem("hub.verify_token does not match Channels:Messenger:VerifyToken.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        return Results.Text(challenge, "text/plain");
    }

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return Results.Problem("Messenger is not configured on this hub.", statusCode: StatusCodes.Status404NotFound);
        var body = await ReadRawAsync(request, cancellationToken);
        if (body is null)
            return Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (!MessengerMapper.SignatureMatches(body, request.Headers["X-Hub-Signature-256"].ToString() is { Length: > 0 } h ? h : null, settings.AppSecret!))
        {
            signatures.Failed(ChannelKind.Messenger);
            logger.LogWarning("Refused a Messenger webhook with a missing or wrong X-Hub-Signature-256");
            return Results.Problem("X-Hub-Signature-256 does not match the body.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        signatures.Passed(ChannelKind.Messenger);

        var (events, error) = MessengerMapper.Parse(body);
        if (error is not null)
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook");
        foreach (var e in events)
        {
            switch (e)
            {
                case MessengerInbound inbound:
                    var name = await profiles.NameAsync(inbound.Message.ContactHandle, cancellationToken);
                    await sink.ReceiveAsync(inbound.Message with { ContactName = name }, cancellationToken);
                    break;
                case MessengerEdit edit:
                    if (!await sink.EditAsync(edit.Edit, cancellationToken))
                        await sink.ReceiveAsync(edit.AsNew with { ContactName = await profiles.NameAsync(edit.AsNew.ContactHandle, cancellationToken) }, cancellationToken);
                    break;
                case MessengerReaction reaction:
                    await sink.ReactAsync(reaction.Reaction, cancellationToken);
                    break;
                case MessengerStatus status:
                    await sink.UpdateStatusAsync(ChannelKind.Messenger, status.Mid, status.Status, null, cancellationToken);
                    break;
                case MessengerDelivery delivery:
                    foreach (var mid in delivery.Mids)
                        await sink.UpdateStatusAsync(ChannelKind.Messenger, mid, MessageStatus.Delivered, null, cancellationToken);
                    break;
                case MessengerRead read:
                    await sink.UpdateStatusUpToAsync(ChannelKind.Messenger, read.Psid, read.Watermark, read.Status, cancellationToken);
                    break;
                case MessengerSkipped skipped:
                    logger.LogWarning("Skipped a Messenger event: {Reason}", skipped.Reason);
                    break;
                case MessengerIgnored ignored:
                    logger.LogDebug("Ignored a Messenger {Kind} event", ignored.Kind);
                    break;
            }
        }
        return Results.Text("EVENT_RECEIVED", "text/plain");
    }

    private static async Task<byte[]?> ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}

/// <summary>The customer's name from the Graph API (first + last), remembered per PSID; a failed look-up is not an error.</summary>
public sealed class MessengerProfiles(IHttpClientFactory httpClients, IOptions<MessengerOptions> options, ILogger<MessengerProfiles> logger)
{
    private readonly ConcurrentDictionary<string, string?> names = new();

    public async Task<string?> NameAsync(string psid, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.LookUpNames)
            return null;
        if (names.TryGetValue(psid, out var known))
            return known;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{settings.GraphBaseUrl.TrimEnd('/')}/{settings.ApiVersion}/{Uri.EscapeDataString(psid)}?fields=first_name,last_name");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
            using var response = await httpClients.CreateClient(MessengerSender.HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return null;
            var profile = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            var name = string.Join(' ', new[] { (string?)profile?["first_name"], (string?)profile?["last_name"] }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return names[psid] = name.Length > 0 ? name : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Could not look up the Messenger profile name");
            return null;
        }
    }
}
