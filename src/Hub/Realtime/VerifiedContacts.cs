using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Realtime;

/// <summary>
/// A verified identity makes the web visitor the same Contact as that e-mail address on the email channel: the
/// visitor's web chat identity (and its conversations) join the contact that already has the address, or the
/// address is added to the visitor's contact so later mail finds it.
/// </summary>
public sealed class VerifiedContacts(OmnichannelDb db, TimeProvider time)
{
    public async Task<long> LinkAsync(string visitorId, VisitorIdentityClaim verified, CancellationToken cancellationToken)
    {
        var email = verified.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var web = await db.ContactIdentities.FirstOrDefaultAsync(i => i.Channel == ChannelKind.WebChat && i.Handle == visitorId, cancellationToken);
        var mail = await db.ContactIdentities.FirstOrDefaultAsync(i => i.Channel == ChannelKind.Email && i.Handle == email, cancellationToken);
        var contact = (mail ?? web) is { } known
            ? await db.Contacts.FirstAsync(c => c.Id == known.ContactId, cancellationToken)
            : db.Contacts.Add(new Contact { DisplayName = email, CreatedAt = time.GetUtcNow().UtcDateTime }).Entity;
        if (verified.Name is { Length: > 0 } name)
            contact.DisplayName = name;
        if (mail is null)
            contact.Identities.Add(new ContactIdentity { Channel = ChannelKind.Email, Handle = email });
        if (web is null)
            contact.Identities.Add(new ContactIdentity { Channel = ChannelKind.WebChat, Handle = visitorId });
        else if (web.ContactId != contact.Id)
        {
            // The visitor chatted before logging in: their web chats move to the contact the e-mail belongs to.
            var previous = web.ContactId;
            web.ContactId = contact.Id;
            await db.Conversations.Where(c => c.ContactId == previous && c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactId, contact.Id), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contact.Id;
    }
}
