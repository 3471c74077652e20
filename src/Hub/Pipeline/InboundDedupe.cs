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
        return hit?.AsDuplicate();
    }

    /// <summary>The messages of a group already stored, by channel and provider id: one query on the unique index.</summary>
    public static async Task<Dictionary<(ChannelKind, string), InboundResult>> FindAllAsync(OmnichannelDb db, IReadOnlyList<InboundMessage> group, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
            return await FindAsync(db, group[0], cancellationToken) is { } one ? new() { [(group[0].Channel, group[0].ProviderMessageId)] = one } : [];
        var channels = group.Select(m => m.Channel).Distinct().ToList();
        var ids = group.Select(m => m.ProviderMessageId).Distinct().ToList();
        var found = new Dictionary<(ChannelKind, string), InboundResult>();
        await foreach (var hit in ByProviderIds.For(db)(db, channels, ids).WithCancellation(cancellationToken))
            found[(hit.Channel, hit.ProviderMessageId)] = hit.Hit.AsDuplicate();
        return found;
    }

    /// <summary>A stored message of the group: its key, and what a retry of it is answered with.</summary>
    private sealed record GroupHit(ChannelKind Channel, string ProviderMessageId, Hit Hit);

    /// <summary>Compiled once, like the single-message query: it runs for every group the writer takes (a LINQ query here
    /// was translated again on every call — as much of the writer's time as the group's prefetch).</summary>
    private static readonly PerModel<Func<OmnichannelDb, List<ChannelKind>, List<string>, IAsyncEnumerable<GroupHit>>> ByProviderIds = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, List<ChannelKind> channels, List<string> ids) =>
            db.Messages.AsNoTracking()
                .Where(m => channels.Contains(m.Channel) && ids.Contains(m.ProviderMessageId!))
                .Select(m => new GroupHit(m.Channel, m.ProviderMessageId!, new Hit(m.ConversationId, m.Id, m.CreatedAt)))));

    /// <summary>Compiled once: it runs for every inbound message (the unique index on channel + provider id).</summary>
    private static readonly PerModel<Func<OmnichannelDb, ChannelKind, string, CancellationToken, Task<Hit?>>> ByProviderId = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string providerId, CancellationToken _) =>
            db.Messages.AsNoTracking()
                .Where(m => m.Channel == channel && m.ProviderMessageId == providerId)
                .Select(m => new Hit(m.ConversationId, m.Id, m.CreatedAt))
                .FirstOrDefault()));

    private sealed record Hit(long ConversationId, long Id, DateTime CreatedAt)
    {
        /// <summary>How a provider's retry of the stored message is answered.</summary>
        public InboundResult AsDuplicate() => new(ConversationId, Id, Duplicate: true, CreatedAt);
    }
}
