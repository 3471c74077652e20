using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;

namespace Omnichannel.Adapters.Messenger;

/// <summary>Sends replies through the Graph Send API (POST /{version}/me/messages): RESPONSE inside 24 h, HUMAN_AGENT tag up to 7 days.</summary>
public sealed class MessengerSender(
    IHttpClientFactory httpClients, IOptions<MessengerOptions> options, ChannelHealth health, TimeProvider time, ILogger<MessengerSender> logger) : IChannelSender
{
    public const string HttpClientName = "messenger";

    public ChannelKind Channel => ChannelKind.Messenger;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (body, refusal, _) = MessengerMapper.PlanSend(message, time.GetUtcNow().UtcDateTime);
        if (body is null)
            return SendResult.Permanent(refusal!);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.GraphBaseUrl.TrimEnd('/')}/{settings.ApiVersion}/me/messages")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var mid = (string?)JsonNode.Parse(text)?["message_id"];
                health.SendWorked(Channel);
                return SendResult.Sent(mid);
            }
            var (error, code) = MessengerMapper.GraphError(text, status);
            var reason = $"Messenger refused the message: {error}{(code != 0 ? $" (code {code})" : "")}";
            logger.LogWarning("Graph answered {Status} to message {MessageId}: {Reason}", status, message.MessageId, error);
            if (MessengerMapper.IsCredentialsProblem(status, code))
            {
                health.CredentialsRefused(Channel, reason);
                return SendResult.Permanent(reason);
            }
            return MessengerMapper.IsTransient(status, code) ? SendResult.Transient($"HTTP {status}: {reason}") : SendResult.Permanent(reason);
        }
        catch (System.Text.Json.JsonException)
        {
            // A 2xx whose body we could not read: the Send API accepted the message.
            health.SendWorked(Channel);
            return SendResult.Sent(null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendFailures.Unreachable("Messenger", settings.GraphBaseUrl.TrimEnd('/'), ex);
        }
    }
}
