using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.WebChat;

/// <summary>Pushes a message to a visitor's open widget(s). The hub implements it over its visitor hub.</summary>
public interface IVisitorPush
{
    Task PushAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Web chat "sends" by pushing to the visitor's connections; a visitor who is offline
/// fetches the message from history when the widget reconnects, so a push is always a success. The widget
/// de-duplicates by message id, so pushing again after a crash mid-push cannot show a reply twice.</summary>
public sealed class WebChatSender(IVisitorPush push) : IChannelSender, ISendReconciler
{
    public Task<Reconciliation> ReconcileAsync(OutboundMessage message, DateTime attemptedAt, CancellationToken cancellationToken) =>
        Task.FromResult(Reconciliation.SafeToResend());

    public ChannelKind Channel => ChannelKind.WebChat;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        await push.PushAsync(message, cancellationToken);
        return SendResult.Sent($"webchat:{message.MessageId}");
    }
}
