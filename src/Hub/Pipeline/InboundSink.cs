using Mediator;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Pipeline;

/// <summary>The hub's side of <see cref="IInboundSink"/>: every channel's messages enter through the mediator, fitted to
/// what the hub stores (<see cref="StoredLimits.Fit"/>: text cut to the provider's limit, unusable ids refused with a
/// reason), so no provider input reaches the database in a shape one of its providers refuses.</summary>
public sealed class InboundSink(IMediator mediator, ILogger<InboundSink> logger) : IInboundSink
{
    public async Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var (fitted, refusal) = StoredLimits.Fit(message);
        if (fitted is null)
        {
            logger.LogWarning("Skipped a {Channel} message that cannot be stored: {Reason}", message.Channel, refusal);
            return InboundResult.Refusal(refusal!);
        }
        return await mediator.Send(new ReceiveMessage(fitted), cancellationToken);
    }

    public async Task UpdateStatusAsync(ChannelKind channel, string providerMessageId, MessageStatus status, string? reason, CancellationToken cancellationToken)
    {
        if (Usable(channel, providerMessageId, StoredLimits.ProviderMessageId, "status"))
            await mediator.Send(new UpdateMessageStatus(channel, providerMessageId, status, reason is null ? null : StoredLimits.Clean(reason)), cancellationToken);
    }

    public async Task ConfirmSentAsync(ChannelKind channel, long messageId, string providerMessageId, CancellationToken cancellationToken)
    {
        if (Usable(channel, providerMessageId, StoredLimits.ProviderMessageId, "confirmation"))
            await mediator.Send(new ConfirmSent(channel, messageId, providerMessageId), cancellationToken);
    }

    public async Task UpdateStatusUpToAsync(ChannelKind channel, string contactHandle, DateTime upTo, MessageStatus status, CancellationToken cancellationToken)
    {
        if (Usable(channel, contactHandle, StoredLimits.ContactHandle, "receipt"))
            await mediator.Send(new UpdateMessageStatusUpTo(channel, contactHandle, upTo, status), cancellationToken);
    }

    public async Task<bool> EditAsync(InboundEdit edit, CancellationToken cancellationToken) =>
        Usable(edit.Channel, edit.ProviderMessageId, StoredLimits.ProviderMessageId, "edit")
        && Usable(edit.Channel, edit.ContactHandle, StoredLimits.ContactHandle, "edit")
        && await mediator.Send(new EditMessage(edit with { Text = StoredLimits.Clean(edit.Text) }), cancellationToken);

    public async Task<bool> ReactAsync(InboundReaction reaction, CancellationToken cancellationToken) =>
        Usable(reaction.Channel, reaction.ProviderMessageId, StoredLimits.ProviderMessageId, "reaction")
        && Usable(reaction.Channel, reaction.ContactHandle, StoredLimits.ContactHandle, "reaction")
        && await mediator.Send(new ReactToMessage(reaction with { Emoji = reaction.Emoji is { } e ? StoredLimits.Cut(StoredLimits.Clean(e), 32) : null }), cancellationToken);

    public async Task SetReachabilityAsync(ContactReachability reachability, CancellationToken cancellationToken)
    {
        if (Usable(reachability.Channel, reachability.ContactHandle, StoredLimits.ContactHandle, "reachability change"))
            await mediator.Send(new SetContactReachability(reachability with { BlockedReason = reachability.BlockedReason is { } r ? StoredLimits.Clean(r) : null }), cancellationToken);
    }

    /// <summary>An id no stored row can have (too long, control characters) names nothing: the event is skipped, logged.</summary>
    private bool Usable(ChannelKind channel, string? id, int max, string what)
    {
        if (StoredLimits.Usable(id, max))
            return true;
        logger.LogWarning("Skipped a {Channel} {What} naming an id that cannot be stored ({Length} characters)", channel, what, id?.Length ?? 0);
        return false;
    }
}
