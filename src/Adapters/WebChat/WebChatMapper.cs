using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.WebChat;

/// <summary>Pure mapping between what the widget sends and the normalized message. No I/O.</summary>
public static class WebChatMapper
{
    /// <summary>Returns null when the visitor's message is acceptable, otherwise the reason to show them.</summary>
    public static string? Validate(string? clientMessageId, string? text, WebChatOptions options)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId))
            return "A client message id is required.";
        if (clientMessageId.Length > options.MaxClientMessageIdLength)
            return $"The client message id is longer than {options.MaxClientMessageIdLength} characters.";
        if (string.IsNullOrWhiteSpace(text))
            return "The message is empty.";
        if (text.Length > options.MaxMessageLength)
            return $"The message is longer than {options.MaxMessageLength} characters.";
        return null;
    }

    /// <summary>The provider id of a web chat message is the visitor id plus the widget's client id,
    /// so a retry of the same send is recognised and one visitor cannot collide with another.</summary>
    public static string ProviderMessageId(string visitorId, string clientMessageId) => $"{visitorId}:{clientMessageId}";

    public static InboundMessage ToInbound(string visitorId, string clientMessageId, string text, DateTime receivedAt) =>
        new(ChannelKind.WebChat, visitorId, ProviderMessageId(visitorId, clientMessageId), text.Trim(), receivedAt)
        {
            ContactName = VisitorName(visitorId),
        };

    /// <summary>A stable, friendly name until the visitor tells us theirs: "Visitor 4F2A".</summary>
    public static string VisitorName(string visitorId)
    {
        var tail = visitorId.Length >= 4 ? visitorId[^4..] : visitorId;
        return $"Visitor {tail.ToUpperInvariant()}";
    }
}
