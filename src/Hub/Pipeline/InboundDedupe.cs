using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>A message whose channel + provider id is already stored is a provider's retry: it is not stored again.</summary>
public static class InboundDedupe
{
    public static async Task<InboundResult?> FindAsync(OmnichannelDb db, InboundMessage inbound, CancellationToken cancellationToken)
    {
        var hit = await ByProviderId.For(db)(db, inbound.Channel, inbound.ProviderMessageId, cancellationToken);
        return hit is null ? null : new InboundResult(hit.ConversationId, hit.Id, Duplicate: true, hit.CreatedAt);
    }

    /// <summary>Compiled once: it runs for every inbound message (the unique index on channel + provider id).</summary>
    private static readonly PerModel<Func<OmnichannelDb, ChannelKind, string, CancellationToken, Task<Hit?>>> ByProviderId = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string providerId, CancellationToken _) =>
            db.Messages.AsNoTracking()
                .Where(m => m.Channel == channel && m.ProviderMessageId == providerId)
                .Select(m => new Hit(m.ConversationId, m.Id, m.CreatedAt))
                .FirstOrDefault()));

    private sealed record Hit(long ConversationId, long Id, DateTime CreatedAt);
}
