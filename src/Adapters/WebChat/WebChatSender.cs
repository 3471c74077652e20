using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.WebChat;

/// <summary>Pushes a message to a visitor's open widget(s). The hub implements it over its visitor hub.</summary>
public interface IVisitorPush
{
    Task PushAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Web chat "sends" by pushing to the visitor's connections; a visitor who is offline
/// fetches the message from history when the widget reconnects, so a push is always a success.</summary>
public sealed class WebChatSender(IVisitorPush push) : IChannelSender
{
    public ChannelKind Channel => ChannelKind.WebChat;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        await push.PushAsync(message, cancellationToken);
        return SendResult.Sent($"webchat:{message.MessageId}");
    }
}
