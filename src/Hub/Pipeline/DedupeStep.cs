using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>Step 1: a message whose channel + provider id is already stored is acknowledged again and goes no further.</summary>
public sealed class DedupeStep(OmnichannelDb db) : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(db, command.Inbound, cancellationToken);
        return existing ?? await next(command, cancellationToken);
    }

    public static async Task<InboundResult?> FindAsync(OmnichannelDb db, InboundMessage inbound, CancellationToken cancellationToken)
    {
        var hit = await db.Messages.AsNoTracking()
            .Where(m => m.Channel == inbound.Channel && m.ProviderMessageId == inbound.ProviderMessageId)
            .Select(m => new { m.ConversationId, m.Id, m.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return hit is null ? null : new InboundResult(hit.ConversationId, hit.Id, Duplicate: true, hit.CreatedAt);
    }
}
