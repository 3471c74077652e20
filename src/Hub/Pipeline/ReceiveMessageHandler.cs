using Mediator;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// A customer message, as the data flow (the channel's receiver has verified and mapped it already):
/// dedupe and persist in the writer's group (a retry of a stored message is answered as it; otherwise contact,
/// conversation, message, SLA clock and the MessageReceived event, one transaction) →
/// the event is handled after the commit (route, push: <see cref="MessageReceivedHandler"/>) → acknowledge, once the
/// event was handled or, with <c>Events:Acknowledge=Committed</c>, right after the commit (<see cref="Acknowledgement"/>).
/// A crash after the commit loses nothing: the event is still in the outbox and is handled after the restart.
/// </summary>
public sealed class ReceiveMessageHandler(OmnichannelDb db, CsatAnswers csat, InboundWriter writer, EventDispatcher events,
    EventProcessor processor, IOptions<EventsOptions> options)
    : ICommandHandler<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, CancellationToken cancellationToken)
    {
        var inbound = command.Inbound;
        // A bare "1"–"5" answering a recent survey is stored as its rating, without reopening the conversation: that
        // happens here, so a provider's retry of one is recognised here first. Every other message is deduplicated by
        // the writer, for its whole group in one query.
        if (CsatAnswers.MayAnswer(inbound))
        {
            if (await InboundDedupe.FindAsync(db, inbound, cancellationToken) is { } earlier)
                return await AlreadyStoredAsync(earlier, cancellationToken);
            if (await csat.TryRecordAsync(inbound, cancellationToken) is { } rating)
                return rating;
        }
        var outcome = await writer.PersistAsync(inbound, cancellationToken);
        if (outcome.Duplicate is { } duplicate)
            return await AlreadyStoredAsync(duplicate, cancellationToken);
        if (outcome.NoOpenConversation)
            return InboundResult.NotOpen;
        var stored = outcome.Stored!;
        if (Acknowledgement.WaitForHandling(options.Value.Acknowledge, processor.Unhandled, options.Value.MaxUnhandled))
            await outcome.Handled!.WaitAsync(cancellationToken);
        return new InboundResult(stored.Conversation.Id, stored.Message.Id, Duplicate: false, stored.Message.CreatedAt);
    }

    /// <summary>
    /// A provider's retry of a stored message is never answered "duplicate" while that message's events are still
    /// pending (e.g. the hub died between commit and push): they are handled first. It is never stored twice.
    /// </summary>
    private async Task<InboundResult> AlreadyStoredAsync(InboundResult earlier, CancellationToken cancellationToken)
    {
        await events.HandlePendingAsync(earlier.ConversationId, cancellationToken);
        return earlier;
    }
}
