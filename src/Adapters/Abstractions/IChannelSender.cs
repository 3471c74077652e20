namespace Omnichannel.Adapters.Abstractions;

/// <summary>Sends an operator's reply through one channel. Called by the hub's outbox dispatcher.</summary>
public interface IChannelSender
{
    ChannelKind Channel { get; }

    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
