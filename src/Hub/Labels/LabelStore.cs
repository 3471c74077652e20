using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Labels;

/// <summary>Labels on one kind of thing (conversations or contacts).</summary>
public interface ILabelLinks
{
    string What { get; }
    Task<bool> ExistsAsync(long id, CancellationToken cancellationToken);
    Task<List<LabelDto>> GetAsync(long id, CancellationToken cancellationToken);
    Task<List<long>> UnknownAsync(IReadOnlyCollection<long> labelIds, CancellationToken cancellationToken);
    Task SetAsync(long id, IReadOnlyCollection<long> labelIds, CancellationToken cancellationToken);
}

public sealed class LabelStore(OmnichannelDb db, IPublisher publisher, ConversationQueries queries)
{
    public ILabelLinks ConversationLabels => new Links<ConversationLabel>(db, "Conversation", x => x.ConversationId, (id, l) => new ConversationLabel { ConversationId = id, LabelId = l },
        id => db.Conversations.AnyAsync(c => c.Id == id), AfterConversationChange);

    public ILabelLinks ContactLabels => new Links<ContactLabel>(db, "Contact", x => x.ContactId, (id, l) => new ContactLabel { ContactId = id, LabelId = l },
        id => db.Contacts.AnyAsync(c => c.Id == id), (_, _) => Task.CompletedTask);

    /// <summary>Adds labels to conversations (bulk), keeping what they had.</summary>
    public async Task AddToConversationsAsync(IReadOnlyCollection<long> conversationIds, long labelId, CancellationToken cancellationToken)
    {
        var have = await db.Set<ConversationLabel>().Where(x => x.LabelId == labelId && conversationIds.Contains(x.ConversationId)).Select(x => x.ConversationId).ToListAsync(cancellationToken);
        db.AddRange(conversationIds.Except(have).Select(id => new ConversationLabel { ConversationId = id, LabelId = labelId }));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var id in conversationIds)
            await AfterConversationChange(id, cancellationToken);
    }

    /// <summary>Every console sees the new labels (ConversationChanged carries them).</summary>
    private async Task AfterConversationChange(long id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is { } dto)
            await publisher.Publish(new ConversationChanged(dto), cancellationToken);
    }

    private sealed class Links<T>(OmnichannelDb db, string what, System.Linq.Expressions.Expression<Func<T, long>> owner, Func<long, long, T> create,
        Func<long, Task<bool>> exists, Func<long, CancellationToken, Task> changed) : ILabelLinks where T : class
    {
        public string What => what;

        public Task<bool> ExistsAsync(long id, CancellationToken cancellationToken) => exists(id);

        private IQueryable<T> Of(long id) => db.Set<T>().Where(Equal(id));

        private System.Linq.Expressions.Expression<Func<T, bool>> Equal(long id) =>
            System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
                System.Linq.Expressions.Expression.Equal(owner.Body, System.Linq.Expressions.Expression.Constant(id)), owner.Parameters);

        public async Task<List<LabelDto>> GetAsync(long id, CancellationToken cancellationToken)
        {
            var ids = await Of(id).Select(x => EF.Property<long>(x, "LabelId")).ToListAsync(cancellationToken);
            return await db.Set<Label>().AsNoTracking().Where(l => ids.Contains(l.Id)).OrderBy(l => l.Name).Select(l => new LabelDto(l.Id, l.Name, l.Color)).ToListAsync(cancellationToken);
        }

        public async Task<List<long>> UnknownAsync(IReadOnlyCollection<long> labelIds, CancellationToken cancellationToken)
        {
            var known = await db.Set<Label>().Where(l => labelIds.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
            return [.. labelIds.Except(known)];
        }

        public async Task SetAsync(long id, IReadOnlyCollection<long> labelIds, CancellationToken cancellationToken)
        {
            db.RemoveRange(await Of(id).ToListAsync(cancellationToken));
            db.AddRange(labelIds.Select(l => create(id, l)));
            await db.SaveChangesAsync(cancellationToken);
            await changed(id, cancellationToken);
        }
    }
}
