using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>The hub's side of <see cref="IConversationLookup"/>: channels that thread by themselves (email) ask here.</summary>
public sealed class ConversationLookup(OmnichannelDb db) : IConversationLookup
{
    public async Task<ConversationThread?> FindByProviderMessageIdsAsync(ChannelKind channel, IReadOnlyCollection<string> providerMessageIds, CancellationToken cancellationToken)
    {
        if (providerMessageIds.Count == 0)
            return null;
        var ids = providerMessageIds.ToList();
        var conversationId = await db.Messages.AsNoTracking()
            .Where(m => m.Channel == channel && m.ProviderMessageId != null && ids.Contains(m.ProviderMessageId))
            .OrderByDescending(m => m.Id)
            .Select(m => (long?)m.ConversationId)
            .FirstOrDefaultAsync(cancellationToken);
        return conversationId is null
            ? null
            : await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(Project).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationThread>> FindRecentAsync(ChannelKind channel, string contactHandle, DateTime since, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == channel && c.ContactHandle == contactHandle && c.LastMessageAt >= since)
            .OrderByDescending(c => c.LastMessageAt)
            .Take(50)
            .Select(Project)
            .ToListAsync(cancellationToken);

    private static readonly System.Linq.Expressions.Expression<Func<Conversation, ConversationThread>> Project =
        c => new ConversationThread(c.Id, c.ContactHandle, c.ThreadKey, c.LastMessageAt, c.State == ConversationState.Closed);
}
