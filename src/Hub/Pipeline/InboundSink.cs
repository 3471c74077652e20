using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>The hub's side of <see cref="IInboundSink"/>: every channel's messages enter through the mediator,
/// their text cut to what the channel's provider can carry.</summary>
public sealed class InboundSink(IMediator mediator) : IInboundSink
{
    public async Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken) =>
        await mediator.Send(new ReceiveMessage(TextLimits.Clip(message)), cancellationToken);

    public async Task UpdateStatusAsync(ChannelKind channel, string providerMessageId, MessageStatus status, string? reason, CancellationToken cancellationToken) =>
        await mediator.Send(new UpdateMessageStatus(channel, providerMessageId, status, reason), cancellationToken);

    public async Task ConfirmSentAsync(ChannelKind channel, long messageId, string providerMessageId, CancellationToken cancellationToken) =>
        await mediator.Send(new ConfirmSent(channel, messageId, providerMessageId), cancellationToken);

    public async Task UpdateStatusUpToAsync(ChannelKind channel, string contactHandle, DateTime upTo, MessageStatus status, CancellationToken cancellationToken) =>
        await mediator.Send(new UpdateMessageStatusUpTo(channel, contactHandle, upTo, status), cancellationToken);

    public async Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken) =>
        await mediator.Send(new EditMessage(edit), cancellationToken);

    public async Task<bool> ReactAsync(InboundReaction reaction, CancellationToken cancellationToken) =>
        await mediator.Send(new ReactToMessage(reaction), cancellationToken);

    public async Task SetReachabilityAsync(ContactReachability reachability, CancellationToken cancellationToken) =>
        await mediator.Send(new SetContactReachability(reachability), cancellationToken);
}
