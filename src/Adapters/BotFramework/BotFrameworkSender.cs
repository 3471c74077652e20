using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>Replies through the Bot Connector REST API at the conversation's serviceUrl, with the bot's
/// client-credentials token.</summary>
public sealed class BotFrameworkSender(
    IHttpClientFactory httpClients, BotConnectorTokens tokens, IOutboundFiles files, ChannelHealth health, ILogger<BotFrameworkSender> logger) : IChannelSender
{
    public ChannelKind Channel => ChannelKind.BotFramework;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (BotFrameworkAddress.Parse(message.ThreadKey) is not { } address)
            return SendResult.Permanent("This conversation has no Bot Framework address to reply to.");
        var activity = BotFrameworkMapper.Reply(address, message.Text);
        if (message.Attachments.Count > 0)
        {
            var attachments = new JsonArray();
            foreach (var file in message.Attachments)
            {
                if (await AttachmentAsync(file, cancellationToken) is not { } entry)
                    return SendResult.Permanent(BotFrameworkFiles.CannotSend(file));
                attachments.Add(entry);
            }
            activity["attachments"] = attachments;
        }
        try
        {
            var token = await tokens.GetAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, BotFrameworkMapper.ReplyUri(address))
            {
                Content = JsonContent.Create(activity),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await httpClients.CreateClient(BotConnectorTokens.HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                health.SendWorked(Channel);
                var id = TryId(body);
                return SendResult.Sent(id is null ? null : BotFrameworkMapper.Key(address.ConversationId, id));
            }
            var status = (int)response.StatusCode;
            var reason = $"The Bot Connector refused the reply: HTTP {status}{Detail(body)}";
            logger.LogWarning("Bot Connector answered {Status} to message {MessageId}", status, message.MessageId);
            if (SendFailures.IsCredentialsProblem(status))
            {
                tokens.Invalidate();
                health.CredentialsRefused(Channel, reason);
                return SendResult.Transient(reason);
            }
            return SendFailures.Classify(status, reason);
        }
        catch (BotConnectorTokenException ex)
        {
            health.CredentialsRefused(Channel, ex.Message);
            return SendFailures.IsTransient(ex.Status) ? SendResult.Transient(ex.Message) : SendResult.Permanent(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendResult.Transient($"The Bot Connector could not be reached: {ex.Message}");
        }
    }

    private async Task<JsonObject?> AttachmentAsync(Attachment file, CancellationToken cancellationToken)
    {
        var link = files.PublicLink(file);
        switch (BotFrameworkFiles.HowToSend(file, link))
        {
            case BotFrameworkFiles.Way.Link:
                return BotFrameworkFiles.Linked(file, link!);
            case BotFrameworkFiles.Way.Inline:
                await using (var stored = await files.OpenAsync(file, cancellationToken))
                {
                    if (stored is null || stored.Size > BotFrameworkFiles.MaxInlineBytes)
                        return null;
                    using var buffer = new MemoryStream();
                    await stored.Content.CopyToAsync(buffer, cancellationToken);
                    return BotFrameworkFiles.Inline(file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                }
            default:
                return null;
        }
    }

    private static string? TryId(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["id"];
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() is { } m ? $": {m}" : "";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return "";
        }
    }
}
