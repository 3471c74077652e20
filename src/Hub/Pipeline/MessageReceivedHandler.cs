using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// The durable <see cref="DomainEventKind.MessageReceived"/> event, after the commit, in this order: the SLA clock's
/// deadline (committed with the message) is armed in the scheduler → a conversation waiting for a human is routed
/// (routing rules first give a new conversation its needs, then it is offered to the best free operator, or queued by
/// deadline) → <see cref="MessageReceived"/> is published: console
/// and widget pushes, the SLA board, alerts.
/// </summary>
/// <remarks>Most messages join a conversation someone already holds: the router, the routing rules and a context (each
/// from this event's scope) are resolved only for a conversation that waits, or an event read back.</remarks>
public sealed class MessageReceivedHandler(IServiceProvider services, SlaTracker sla, IPublisher publisher)
{
    public async Task HandleAsync(ClaimedEvent claimed, CancellationToken cancellationToken)
    {
        var stored = claimed.Stored ?? await LoadAsync(claimed.EventId, cancellationToken);
        if (stored is null)
            return;
        var conversation = stored.Conversation;
        sla.Saved(conversation);
        ConversationDto? assigned = null;
        // Automatic mail: nobody waits, nothing to offer (it is in the automatic view).
        if (InboundRouting.Waits(conversation))
            assigned = stored.Routed is { Outcome: GroupedOutcome.Routed or GroupedOutcome.NoRoom } decided
                // Decided in the writer's transaction, committed with the message: only its notifications are left.
                ? await services.GetRequiredService<RoutingEngine>().PublishDecidedAsync(conversation.Id, conversation.Channel, decided, cancellationToken)
                : await RouteAsync(stored, created: claimed.Stored is { Created: true }, cancellationToken);
        await publisher.Publish(new MessageReceived(
            assigned ?? ConversationDto.From(conversation, stored.Contact.DisplayName), MessageDto.From(stored.Message), stored.ConversationOpened)
            {
                SentOver = stored.SentOver,
            }, cancellationToken);
    }

    /// <returns>The conversation as assigned at once (an auto-accepting operator): the pushes say so, not the waiting
    /// state committed.</returns>
    private async Task<ConversationDto?> RouteAsync(StoredInbound stored, bool created, CancellationToken cancellationToken)
    {
        // A conversation that just opened gets its required skills / team from the admin's routing rules first.
        await services.GetRequiredService<Routing.Rules.RoutingNeedsStep>().ApplyAsync(stored, cancellationToken);
        // A conversation this process just created is routed from memory (it cannot have had an offer yet; a
        // concurrent one is caught by the routing-version claim and read back then): two reads fewer.
        var known = created ? QueuedConversation.Created(stored.Conversation) : null;
        return await services.GetRequiredService<RoutingEngine>().RouteAsync(stored.Conversation.Id, cancellationToken, known);
    }

    /// <summary>After a restart (or on another process) the event is read back from the database.</summary>
    private async Task<StoredInbound?> LoadAsync(long eventId, CancellationToken cancellationToken)
    {
        var row = await services.GetRequiredService<OmnichannelDb>().Set<DomainEvent>().AsNoTracking()
            .Where(e => e.Id == eventId)
            .Select(e => new { e.Message, e.Conversation, e.Conversation!.Contact, e.ConversationOpened })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new StoredInbound(row.Contact!, row.Conversation!, row.Message!, row.ConversationOpened);
    }
}
