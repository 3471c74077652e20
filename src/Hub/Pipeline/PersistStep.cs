using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// Step 2: stores contact, conversation and message in one transaction before anything is acknowledged.
/// A concurrent duplicate that slipped past the dedupe step hits the unique index and is answered as a duplicate.
/// </summary>
public sealed class PersistStep(OmnichannelDb db, ConversationResolver resolver, TimeProvider time)
    : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        try
        {
            command.Stored = await PersistAsync(command.Inbound, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await DedupeStep.FindAsync(db, command.Inbound, cancellationToken) is { } duplicate)
                return duplicate;
            // Lost a race creating the same contact identity: everything is in place now, try once more.
            command.Stored = await PersistAsync(command.Inbound, cancellationToken);
        }
        return await next(command, cancellationToken);
    }

    private async Task<StoredInbound> PersistAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (contact, conversation, opened) = await resolver.ResolveAsync(inbound, now, cancellationToken);
        var message = new Message
        {
            Channel = inbound.Channel,
            Direction = MessageDirection.Inbound,
            Text = inbound.Text,
            ProviderMessageId = inbound.ProviderMessageId,
            Status = MessageStatus.Delivered,
            CreatedAt = now,
            IsAutomated = inbound.IsAutomated,
            Attachments = [.. inbound.Attachments],
        };
        ConversationRules.ApplyInbound(conversation, message);
        message.Conversation = conversation;
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return new StoredInbound(contact, conversation, message, opened);
    }
}
