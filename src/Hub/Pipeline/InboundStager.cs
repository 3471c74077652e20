using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// A decision that must be committed in the same transaction as the message it is about (e.g. the SLA clock's
/// due time). Runs on the staged entities, before the inbound writer's commit; no I/O.
/// </summary>
public interface IInboundStaging
{
    void Staged(StoredInbound stored);
}

/// <summary>
/// Resolves contact and conversation, adds the message, applies the staging decisions (the SLA clock) and adds the
/// MessageReceived domain event, claimed by this process; all saved by the writer in one transaction.
/// </summary>
public sealed class InboundStager(ConversationResolver resolver, IEnumerable<IInboundStaging> staging, EventClaims claims)
{
    /// <returns>Null when the message is <see cref="InboundMessage.OnlyIntoOpen"/> and its contact has no open
    /// conversation: nothing is staged for it.</returns>
    public async Task<StoredInbound?> StageAsync(OmnichannelDb db, InboundMessage inbound, InboundPrefetch? prefetched = null)
    {
        var now = resolver.Now;
        if (await resolver.ResolveAsync(inbound, now, CancellationToken.None, prefetched) is not var (contact, conversation, opened))
            return null;
        var created = db.Entry(conversation).State == EntityState.Added;
        var message = Message.FromInbound(inbound, now);
        ConversationRules.ApplyInbound(conversation, message);
        message.Conversation = conversation;
        // Added as one entity, not as a graph: what it points to is tracked already (no walk over the navigations).
        db.Entry(message).State = EntityState.Added;
        var received = new DomainEvent
        {
            Kind = DomainEventKind.MessageReceived,
            Conversation = conversation,
            Message = message,
            ConversationOpened = opened,
            OccurredAt = now,
            ClaimedBy = claims.Me,
            ClaimedUntil = claims.LeaseEnd,
        };
        db.Entry(received).State = EntityState.Added;
        var stored = new StoredInbound(contact, conversation, message, opened) { Event = received, Created = created, SentOver = inbound.SentOver };
        foreach (var step in staging)
            step.Staged(stored);
        return stored;
    }
}
