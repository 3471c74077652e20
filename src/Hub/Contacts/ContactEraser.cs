using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Contacts;

/// <summary>What an erase removed, in counts only (also what the audit entry records: never the content).</summary>
public sealed record ErasureDto(long ContactId, int Identities, int Conversations, int Messages, int Notes, int Surveys, int Files, int RepliesCancelled, int VisitorRecords);

/// <summary>
/// Erases a contact (GDPR right to erasure) on all channels, in one transaction: identities, notes, page trail and
/// visitor profiles are deleted; messages lose their text, files, metadata and provider ids; satisfaction answers
/// their comments; conversations their handle and preview; the contact (and those merged into it) its name and
/// details; replies not yet sent are cancelled. What remains is anonymous rows with times, channels, states and
/// scores — so reports keep their counts — and nothing that can be found by searching for the person. The files'
/// bytes are deleted from the attachment store after the commit.
/// </summary>
public sealed class ContactEraser(OmnichannelDb db, AttachmentStore store, LiveVisitors live, Audit.AuditLog audit, TimeProvider time)
{
    public const string ErasedName = "Erased contact";

    /// <summary>Erases, with its audit entry (who, when, which contact, counts) in the same transaction.</summary>
    public async Task<ErasureDto> EraseAsync(ContactData d, System.Security.Claims.ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messageIds = d.Messages.Select(m => m.Id).ToList();
        var files = d.StoredFiles().Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList();
        var outbox = await db.Outbox.Where(o => messageIds.Contains(o.MessageId)).ToListAsync(cancellationToken);
        var cancelled = outbox.Count(o => o.DueAt is not null || o.InFlightSince is not null);
        db.Outbox.RemoveRange(outbox);
        foreach (var m in d.Messages)
        {
            if (cancelled > 0 && outbox.Any(o => o.MessageId == m.Id && (o.DueAt is not null || o.InFlightSince is not null)))
                (m.Status, m.StatusReason) = (Adapters.Abstractions.MessageStatus.Failed, "Cancelled: the contact was erased.");
            else
                m.StatusReason = null;
            (m.Text, m.Attachments, m.Metadata, m.QuickReplies, m.Reaction, m.ProviderMessageId, m.ClientMessageId) = ("", [], [], [], null, null, null);
        }
        foreach (var c in d.Conversations)
            (c.ContactHandle, c.LastMessagePreview, c.ThreadKey) = ("erased", null, null);
        foreach (var s in d.Surveys)
            (s.Comment, s.Note) = (null, null);
        var conversationIds = d.Conversations.Select(c => c.Id).ToList();
        await db.Timeline.Where(t => conversationIds.Contains(t.ConversationId) && t.Detail != null).ExecuteUpdateAsync(t => t.SetProperty(x => x.Detail, (string?)null), cancellationToken);
        db.RemoveRange(d.Notes);
        db.RemoveRange(d.Identities);
        db.RemoveRange(d.Profiles);
        db.RemoveRange(d.PageViews);
        foreach (var e in d.Engagement)
            e.VisitorId = "erased";
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var contact in d.Merged.Append(d.Contact))
            (contact.DisplayName, contact.Email, contact.Phone, contact.About, contact.UpdatedAt) = (ErasedName, null, null, null, now);
        var contactIds = d.Merged.Select(c => c.Id).Append(d.Contact.Id).ToList();
        db.RemoveRange(await db.Set<ContactMerge>().Where(m => contactIds.Contains(m.SurvivorContactId) || contactIds.Contains(m.MergedContactId)).ToListAsync(cancellationToken));
        var erased = new ErasureDto(d.Contact.Id, d.Identities.Count, d.Conversations.Count, d.Messages.Count, d.Notes.Count, d.Surveys.Count, files.Count, cancelled,
            d.Profiles.Count + d.PageViews.Count + d.Engagement.Count);
        audit.Record(actor, "contact.erased", $"contact {d.Contact.Id}", null, erased);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var id in files)
            store.Delete(id);
        foreach (var visitor in d.VisitorIds)
            live.Forget(visitor);
        return erased;
    }
}
