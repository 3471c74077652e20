using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Notes;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Contacts;

/// <summary>
/// Everything the hub holds about one contact, on all channels: the contact (and the contacts merged into it), its
/// identities, conversations, messages (with their attachments), notes, satisfaction answers, and for web visitors
/// their profiles, page trail and engagement events. Loaded tracked, so <see cref="ContactEraser"/> can change it.
/// </summary>
public sealed record ContactData(
    Contact Contact, IReadOnlyList<Contact> Merged, IReadOnlyList<ContactIdentity> Identities, IReadOnlyList<Conversation> Conversations,
    IReadOnlyList<Message> Messages, IReadOnlyList<Note> Notes, IReadOnlyList<CsatSurvey> Surveys, IReadOnlyList<string> VisitorIds,
    IReadOnlyList<VisitorProfile> Profiles, IReadOnlyList<VisitorPageView> PageViews, IReadOnlyList<EngagementEvent> Engagement)
{
    public static async Task<ContactData?> LoadAsync(OmnichannelDb db, long contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
            return null;
        var merged = await db.Contacts.Where(c => c.MergedIntoContactId == contactId).ToListAsync(cancellationToken);
        var contactIds = merged.Select(c => c.Id).Append(contactId).ToList();
        var identities = await db.ContactIdentities.Where(i => contactIds.Contains(i.ContactId)).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.Where(c => contactIds.Contains(c.ContactId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        var messages = await db.Messages.Where(m => conversationIds.Contains(m.ConversationId)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var notes = await db.Set<Note>().Where(n => conversationIds.Contains(n.ConversationId)).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var surveys = await db.CsatSurveys.Where(s => conversationIds.Contains(s.ConversationId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        List<string> visitorIds = [.. identities.Where(i => i.Channel == ChannelKind.WebChat).Select(i => i.Handle)
            .Concat(conversations.Where(c => c.Channel == ChannelKind.WebChat).Select(c => c.ContactHandle)).Distinct(StringComparer.Ordinal)];
        var profiles = await db.VisitorProfiles.Where(p => visitorIds.Contains(p.VisitorId)).ToListAsync(cancellationToken);
        var pageViews = await db.Set<VisitorPageView>().Where(v => visitorIds.Contains(v.VisitorId)).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        var engagement = await db.EngagementEvents.Where(e => visitorIds.Contains(e.VisitorId)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new ContactData(contact, merged, identities, conversations, messages, notes, surveys, visitorIds, profiles, pageViews, engagement);
    }

    /// <summary>The stored files of the contact's messages (ids in the hub's attachment store).</summary>
    public IEnumerable<(Message Message, Attachment Attachment, string Id)> StoredFiles() =>
        Messages.SelectMany(m => m.Attachments.Where(a => a.Url.StartsWith(Attachments.AttachmentStore.UrlPrefix, StringComparison.Ordinal))
            .Select(a => (m, a, a.Url[Attachments.AttachmentStore.UrlPrefix.Length..])));
}
