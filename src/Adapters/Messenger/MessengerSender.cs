using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;

namespace Omnichannel.Adapters.Messenger;

/// <summary>Sends replies through the Graph Send API (POST /{version}/me/messages): RESPONSE inside 24 h, HUMAN_AGENT tag up to 7 days;
/// files as further messages (see <see cref="MessengerFiles"/>).</summary>
public sealed class MessengerSender(
    IHttpClientFactory httpClients, IOptions<MessengerOptions> options, IOutboundFiles files, ChannelHealth health, TimeProvider time, ILogger<MessengerSender> logger) : IChannelSender
{
    public const string HttpClientName = "messenger";

    public ChannelKind Channel => ChannelKind.Messenger;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var (body, refusal, _) = MessengerMapper.PlanSend(message, time.GetUtcNow().UtcDateTime);
        if (body is null)
            return SendResult.Permanent(refusal!);
        var parts = MessengerFiles.Plan(body, message, files.PublicLink);
        string? firstId = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var result = await SendPartAsync(message, parts[i], cancellationToken);
            if (result.Outcome != SendOutcome.Sent)
                return i == 0 ? result : SendResult.Permanent(MessengerFiles.PartlySent(i, parts.Count, result.Reason ?? "unknown error"));
            firstId ??= result.ProviderMessageId;
        }
        return SendResult.Sent(firstId);
    }

    private async Task<SendResult> SendPartAsync(OutboundMessage message, MessengerFiles.Part part, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.GraphBaseUrl.TrimEnd('/')}/{settings.ApiVersion}/me/messages");
        OutboundFile? upload = null;
        try
        {
            if (part.Upload is { } attachment)
            {
                upload = await files.OpenAsync(attachment, cancellationToken);
                if (upload is null)
                    return SendResult.Permanent($"The file {attachment.Name} is no longer stored.");
                request.Content = Multipart(part.Body, upload);
            }
            else
                request.Content = JsonContent.Create(part.Body);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                health.SendWorked(Channel);
                return SendResult.Sent(MessageId(text));
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
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendFailures.Unreachable("Messenger", settings.GraphBaseUrl.TrimEnd('/'), ex);
        }
        finally
        {
            if (upload is not null)
                await upload.DisposeAsync();
        }
    }

    /// <summary>"Upload and send": the message's fields as form fields (objects as JSON) and the file as <c>filedata</c>.</summary>
    private static MultipartFormDataContent Multipart(JsonObject body, OutboundFile file)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in body)
            form.Add(new StringContent(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? ""), name);
        var content = new StreamContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        form.Add(content, "filedata", file.Name);
        return form;
    }

    /// <summary>A 2xx whose body we could not read still means the Send API accepted the message.</summary>
    private static string? MessageId(string text)
    {
        try
        {
            return (string?)JsonNode.Parse(text)?["message_id"];
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
