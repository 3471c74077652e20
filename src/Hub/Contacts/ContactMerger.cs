using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Contacts;

/// <summary>Merges two contacts in one transaction, and undoes a recorded merge. The open conversations' new names are pushed.</summary>
public sealed class ContactMerger(OmnichannelDb db, IPublisher publisher, ConversationQueries queries, TimeProvider time)
{
    public async Task<Outcome<ContactMergeDto>> MergeAsync(long survivorId, long mergedId, long? byOperatorId, CancellationToken cancellationToken)
    {
        if (survivorId == mergedId)
            return Outcome<ContactMergeDto>.Invalid("A contact cannot be merged into itself.");
        var survivor = await db.Contacts.Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == survivorId, cancellationToken);
        var merged = await db.Contacts.Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == mergedId, cancellationToken);
        if (survivor is null || merged is null)
            return Outcome<ContactMergeDto>.NotFound($"Contact {(survivor is null ? survivorId : mergedId)} does not exist.");
        if (survivor.MergedIntoContactId is not null || merged.MergedIntoContactId is not null)
            return Outcome<ContactMergeDto>.Conflict("One of the contacts was already merged into another.");

        var record = new ContactMerge { SurvivorContactId = survivorId, MergedContactId = mergedId, ByOperatorId = byOperatorId, MergedAt = time.GetUtcNow().UtcDateTime };
        foreach (var identity in merged.Identities.ToList())
        {
            identity.ContactId = survivorId;
            record.IdentityIds.Add(Id(identity.Id));
        }
        var conversations = await db.Conversations.Where(c => c.ContactId == mergedId).ToListAsync(cancellationToken);
        foreach (var conversation in conversations)
        {
            conversation.ContactId = survivorId;
            record.ConversationIds.Add(Id(conversation.Id));
        }
        var survivorLabels = await db.Set<ContactLabel>().Where(l => l.ContactId == survivorId).Select(l => l.LabelId).ToListAsync(cancellationToken);
        foreach (var label in await db.Set<ContactLabel>().Where(l => l.ContactId == mergedId).ToListAsync(cancellationToken))
        {
            db.Remove(label);
            if (survivorLabels.Contains(label.LabelId))
                continue;
            db.Add(new ContactLabel { ContactId = survivorId, LabelId = label.LabelId });
            record.LabelIds.Add(Id(label.LabelId));
        }
        Fill("email", () => survivor.Email, v => survivor.Email = v, merged.Email);
        Fill("phone", () => survivor.Phone, v => survivor.Phone = v, merged.Phone);
        Fill("about", () => survivor.About, v => survivor.About = v, merged.About);
        merged.MergedIntoContactId = survivorId;
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await PushAsync(conversations.Where(c => c.State != ConversationState.Closed).Select(c => c.Id), cancellationToken);
        return Outcome<ContactMergeDto>.Ok(ContactMergeDto.From(record));

        void Fill(string field, Func<string?> current, Action<string?> set, string? value)
        {
            if (!string.IsNullOrEmpty(current()) || string.IsNullOrEmpty(value))
                return;
            set(value);
            record.FilledFields.Add(field);
        }
    }

    /// <summary>Puts back what the merge moved (and conversations that arrived since on the moved identities).</summary>
    public async Task<Outcome<ContactMergeDto>> UndoAsync(long mergeId, long? byOperatorId, CancellationToken cancellationToken)
    {
        var record = await db.Set<ContactMerge>().FirstOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (record is null)
            return Outcome<ContactMergeDto>.NotFound($"Merge {mergeId} does not exist.");
        if (record.UndoneAt is not null)
            return Outcome<ContactMergeDto>.Conflict("This merge was already undone.");
        var survivor = await db.Contacts.FirstAsync(c => c.Id == record.SurvivorContactId, cancellationToken);
        var merged = await db.Contacts.FirstAsync(c => c.Id == record.MergedContactId, cancellationToken);
        if (survivor.MergedIntoContactId is not null)
            return Outcome<ContactMergeDto>.Conflict($"Contact {survivor.Id} was merged again since; undo that merge first.");

        var identityIds = Ids(record.IdentityIds);
        var identities = await db.ContactIdentities.Where(i => identityIds.Contains(i.Id) && i.ContactId == survivor.Id).ToListAsync(cancellationToken);
        foreach (var identity in identities)
            identity.ContactId = merged.Id;
        var conversationIds = Ids(record.ConversationIds);
        var handles = identities.Select(i => i.Channel + "|" + i.Handle).ToHashSet();
        var candidates = await db.Conversations.Where(c => c.ContactId == survivor.Id).ToListAsync(cancellationToken);
        var moved = candidates.Where(c => conversationIds.Contains(c.Id) || handles.Contains(c.Channel + "|" + c.ContactHandle)).ToList();
        foreach (var conversation in moved)
            conversation.ContactId = merged.Id;
        var labelIds = Ids(record.LabelIds);
        db.RemoveRange(await db.Set<ContactLabel>().Where(l => l.ContactId == survivor.Id && labelIds.Contains(l.LabelId)).ToListAsync(cancellationToken));
        db.AddRange(labelIds.Select(l => new ContactLabel { ContactId = merged.Id, LabelId = l }));
        foreach (var field in record.FilledFields)
        {
            if (field == "email" && survivor.Email == merged.Email) survivor.Email = null;
            if (field == "phone" && survivor.Phone == merged.Phone) survivor.Phone = null;
            if (field == "about" && survivor.About == merged.About) survivor.About = null;
        }
        merged.MergedIntoContactId = null;
        record.UndoneAt = time.GetUtcNow().UtcDateTime;
        record.UndoneByOperatorId = byOperatorId;
        await db.SaveChangesAsync(cancellationToken);
        await PushAsync(moved.Where(c => c.State != ConversationState.Closed).Select(c => c.Id), cancellationToken);
        return Outcome<ContactMergeDto>.Ok(ContactMergeDto.From(record));
    }

    private async Task PushAsync(IEnumerable<long> conversationIds, CancellationToken cancellationToken)
    {
        foreach (var id in conversationIds)
            if (await queries.FindAsync(id, cancellationToken) is { } dto)
                await publisher.Publish(new ConversationChanged(dto), cancellationToken);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<long> Ids(List<string> ids) => [.. ids.Select(s => long.Parse(s, CultureInfo.InvariantCulture))];
}
