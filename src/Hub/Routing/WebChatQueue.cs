using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// How many web chats wait for a person, and a visitor's place among them — as range counts over the queue index
/// (<c>IX_Conversations_ChannelQueue</c>, index-only), minus the few that have an offer out. No read grows with the
/// open conversations of other channels, and none loads the queue.
/// </summary>
public sealed class WebChatQueue(OmnichannelDb db)
{
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        await db.Conversations.CountAsync(c => c.Channel == ChannelKind.WebChat && c.QueueDeadline != null, cancellationToken)
        - (await OfferedAsync(cancellationToken)).Count;

    /// <summary>1-based place of the conversation among the web chats waiting with no offer out; null when it is not one of them.</summary>
    public async Task<int?> PlaceAsync(long conversationId, CancellationToken cancellationToken)
    {
        var deadline = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId && c.Channel == ChannelKind.WebChat)
            .Select(c => c.QueueDeadline).FirstOrDefaultAsync(cancellationToken);
        if (deadline is not { } d)
            return null;
        var offered = await OfferedAsync(cancellationToken);
        if (offered.Any(o => o.Id == conversationId))
            return null;
        // Two ranges rather than one OR, so each is a seek on the index.
        var before = await db.Conversations.CountAsync(c => c.Channel == ChannelKind.WebChat && c.QueueDeadline < d, cancellationToken)
            + await db.Conversations.CountAsync(c => c.Channel == ChannelKind.WebChat && c.QueueDeadline == d && c.Id < conversationId, cancellationToken);
        return before - offered.Count(o => o.Deadline < d || (o.Deadline == d && o.Id < conversationId)) + 1;
    }

    /// <summary>Queued web chats with an offer out: bounded by the operators' capacity, not by the queue.</summary>
    private async Task<List<(long Id, DateTime Deadline)>> OfferedAsync(CancellationToken cancellationToken) =>
        [.. (await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending)
            .Join(db.Conversations, o => o.ConversationId, c => c.Id, (o, c) => c)
            .Where(c => c.Channel == ChannelKind.WebChat && c.QueueDeadline != null)
            .Select(c => new { c.Id, Deadline = c.QueueDeadline!.Value }).Distinct()
            .ToListAsync(cancellationToken)).Select(o => (o.Id, o.Deadline))];
}
