using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.WebChat;

/// <summary>A visitor's message was refused; <see cref="Exception.Message"/> is safe to show them.</summary>
public sealed class WebChatRejectedException(string reason) : Exception(reason);

/// <summary>
/// Receives what a visitor sends through the widget hub: verifies, maps, hands to the hub.
/// Returns once the message is persisted, so the widget's ack means "stored".
/// </summary>
public sealed class WebChatReceiver(IInboundSink sink, IOptions<WebChatOptions> options, TimeProvider time)
{
    /// <param name="onlyIntoOpen">Store it only into the visitor's open chat (<see cref="InboundMessage.OnlyIntoOpen"/>):
    /// without one the result is <see cref="InboundResult.NoOpenConversation"/> and nothing is stored.</param>
    /// <param name="connectionId">The widget connection it came over (<see cref="InboundMessage.SentOver"/>).</param>
    public async Task<InboundResult> ReceiveAsync(string visitorId, string? clientMessageId, string? text, bool onlyIntoOpen, CancellationToken cancellationToken,
        string? connectionId = null)
    {
        var problem = WebChatMapper.Validate(clientMessageId, text, options.Value);
        if (problem is not null)
            throw new WebChatRejectedException(problem);
        var inbound = WebChatMapper.ToInbound(visitorId, clientMessageId!, text!, time.GetUtcNow().UtcDateTime) with { OnlyIntoOpen = onlyIntoOpen, SentOver = connectionId };
        return Accepted(await sink.ReceiveAsync(inbound, cancellationToken));
    }

    /// <summary>A file the visitor sent (already checked and stored by the hub), with optional words.</summary>
    public async Task<InboundResult> ReceiveFileAsync(string visitorId, string? clientMessageId, string? text, Attachment file, CancellationToken cancellationToken)
    {
        var words = string.IsNullOrWhiteSpace(text) ? $"📎 {file.Name}" : text.Trim();
        if (WebChatMapper.Validate(clientMessageId, words, options.Value) is { } problem)
            throw new WebChatRejectedException(problem);
        var inbound = WebChatMapper.ToInbound(visitorId, clientMessageId!, words, time.GetUtcNow().UtcDateTime) with { Attachments = [file] };
        return Accepted(await sink.ReceiveAsync(inbound, cancellationToken));
    }

    private static InboundResult Accepted(InboundResult result) =>
        result.Refused is { } refused ? throw new WebChatRejectedException(refused) : result;
}
