using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>Finds (or creates) the contact and the conversation an inbound message belongs to.</summary>
public sealed class ConversationResolver(OmnichannelDb db, IOptions<ConversationOptions> options, TimeProvider time)
{
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <param name="prefetched">Contacts and conversations the caller loaded for a whole group of messages at once
    /// (into this resolver's context); what it does not know is looked up here.</param>
    /// <returns>Null for a message <see cref="InboundMessage.OnlyIntoOpen"/> whose contact has no open conversation on the
    /// channel: nothing was created or reopened for it.</returns>
    public async Task<(Contact Contact, Conversation Conversation, bool Opened)?> ResolveAsync(
        InboundMessage inbound, DateTime now, CancellationToken cancellationToken, InboundPrefetch? prefetched = null)
    {
        // Automatic mail about a known conversation (a bounce of our reply, an auto-reply to it) joins that
        // conversation whoever sent it (mailer-daemon is not the customer), and never reopens it.
        if (inbound.IsAutomated && inbound.ConversationId is { } about
            && await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == about, cancellationToken) is { Contact: { } owner } referred)
            return (owner, referred, false);
        Conversation? conversation;
        Contact contact;
        if (prefetched is null && inbound.ConversationId is null && !inbound.NewConversation)
        {
            // A message alone, the plain case: the contact and its latest conversation on the channel in one query.
            (var found, conversation) = await FindContactWithLatestAsync(inbound);
            if (found is null && inbound.OnlyIntoOpen)
                return null;
            contact = found ?? NewContact(inbound, now);
        }
        else
        {
            var found = await FindContactAsync(inbound, prefetched, cancellationToken);
            if (found is null && inbound.OnlyIntoOpen)
                return null;
            contact = found ?? NewContact(inbound, now);
            conversation = await FindConversationAsync(contact, inbound, prefetched, cancellationToken);
        }
        if (conversation is not null && inbound.ThreadKey is not null && !inbound.IsAutomated)
            conversation.ThreadKey = inbound.ThreadKey;
        if (conversation is not null && (conversation.State != ConversationState.Closed || inbound.IsAutomated))
            return (contact, conversation, false);
        if (inbound.OnlyIntoOpen)
            return null;
        if (conversation is not null && now - conversation.ClosedAt <= options.Value.ReopenWindow)
        {
            ConversationRules.Reopen(conversation);
            return (contact, conversation, true);
        }
        conversation = new Conversation
        {
            Contact = contact,
            Channel = inbound.Channel,
            ContactHandle = inbound.ContactHandle,
            State = ConversationState.Waiting,
            CreatedAt = now,
            LastMessageAt = now,
            ThreadKey = inbound.ThreadKey,
            Automatic = inbound.IsAutomated,
        };
        db.Conversations.Add(conversation);
        return (contact, conversation, true);
    }

    private async Task<Contact?> FindContactAsync(InboundMessage inbound, InboundPrefetch? prefetched, CancellationToken cancellationToken)
    {
        var other = PhoneIdentity.Counterpart(inbound.Channel, inbound.ContactHandle);
        Contact? contact;
        Contact? counterpart = null;
        if (prefetched is not null && prefetched.TakeContact(inbound.Channel, inbound.ContactHandle, out var known))
            contact = known;
        else if (prefetched is null && other is { } pair)
            // Both identities of a phone number in one query: a new number would otherwise cost two lookups.
            (contact, counterpart) = await ContactByPhoneIdentities(db, inbound.Channel, inbound.ContactHandle, pair.Channel, pair.Handle);
        else
            contact = await ContactByIdentity(db, inbound.Channel, inbound.ContactHandle);
        if (contact is null && other is { } o)
        {
            // The same phone number already wrote on the other Twilio channel: one person, a second identity.
            contact = prefetched is not null && prefetched.TakeContact(o.Channel, o.Handle, out var prefetchedCounterpart)
                ? prefetchedCounterpart
                : prefetched is null ? counterpart : await ContactByIdentity(db, o.Channel, o.Handle);
            contact?.Identities.Add(new ContactIdentity { ContactId = contact.Id, Channel = inbound.Channel, Handle = inbound.ContactHandle });
        }
        if (contact is not null && inbound.ContactName is { Length: > 0 } name && contact.DisplayName != name && !IsPlaceholderName(name))
            contact.DisplayName = name;
        return contact;
    }

    /// <summary>The contact of the identity (or of the same phone number on the other Twilio channel, which then gets
    /// this identity too) with its latest conversation on the message's channel: one query.</summary>
    private async Task<(Contact? Contact, Conversation? Latest)> FindContactWithLatestAsync(InboundMessage inbound)
    {
        var other = PhoneIdentity.Counterpart(inbound.Channel, inbound.ContactHandle);
        ContactWithLatest? own = null, counterpart = null;
        await foreach (var match in ContactWithLatestQuery.For(db)(db, inbound.Channel, inbound.ContactHandle,
                           other?.Channel ?? inbound.Channel, other?.Handle ?? inbound.ContactHandle))
        {
            if (match.Channel == inbound.Channel && match.Handle == inbound.ContactHandle)
                own = match;
            else
                counterpart = match;
        }
        var found = own ?? counterpart;
        if (found is null)
            return (null, null);
        var contact = found.Contact;
        if (own is null)
            contact.Identities.Add(new ContactIdentity { ContactId = contact.Id, Channel = inbound.Channel, Handle = inbound.ContactHandle });
        if (inbound.ContactName is { Length: > 0 } name && contact.DisplayName != name && !IsPlaceholderName(name))
            contact.DisplayName = name;
        return (contact, found.Latest);
    }

    private sealed record ContactWithLatest(ChannelKind Channel, string Handle, Contact Contact, Conversation? Latest);

    private static readonly PerModel<Func<OmnichannelDb, ChannelKind, string, ChannelKind, string, IAsyncEnumerable<ContactWithLatest>>> ContactWithLatestQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string handle, ChannelKind otherChannel, string otherHandle) =>
            // The latest conversation is joined on a correlated MAX(Id) over the (ContactId, Channel, …) index: a few
            // index entries per message. (Ordering inside the projection became ROW_NUMBER() over every conversation
            // of the channel — a scan per message that grew with the conversations ever held.)
            from i in db.ContactIdentities
            where (i.Channel == channel && i.Handle == handle) || (i.Channel == otherChannel && i.Handle == otherHandle)
            join c in db.Contacts on i.ContactId equals c.Id
            join v in db.Conversations
                on db.Conversations.Where(w => w.ContactId == c.Id && w.Channel == channel).Max(w => (long?)w.Id) equals (long?)v.Id into latest
            from v in latest.DefaultIfEmpty()
            select new ContactWithLatest(i.Channel, i.Handle, c, v)));

    private Contact NewContact(InboundMessage inbound, DateTime now)
    {
        var contact = new Contact
        {
            DisplayName = inbound.ContactName is { Length: > 0 } name ? name : StoredLimits.Cut(inbound.ContactHandle, StoredLimits.ContactName),
            CreatedAt = now,
            Identities = [new ContactIdentity { Channel = inbound.Channel, Handle = inbound.ContactHandle }],
        };
        db.Contacts.Add(contact);
        return contact;
    }

    private async Task<Conversation?> FindConversationAsync(Contact contact, InboundMessage inbound, InboundPrefetch? prefetched, CancellationToken cancellationToken)
    {
        if (contact.Id == 0)
            return null;
        if (inbound.ConversationId is { } known)
            return await db.Conversations.FirstOrDefaultAsync(c => c.Id == known && c.ContactId == contact.Id, cancellationToken);
        if (inbound.NewConversation)
            return null;
        if (prefetched is not null && prefetched.TakeConversation(contact.Id, inbound.Channel, out var latest))
            return latest;
        return await LatestConversation(db, contact.Id, inbound.Channel);
    }

    // Compiled once: these run for every inbound message. The contact is found from its identity (unique index),
    // never by scanning contacts for a matching identity.
    private static readonly PerModel<Func<OmnichannelDb, ChannelKind, string, Task<Contact?>>> ContactByIdentityQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string handle) =>
            db.ContactIdentities.Where(i => i.Channel == channel && i.Handle == handle)
                .Join(db.Contacts, i => i.ContactId, c => c.Id, (i, c) => c)
                .FirstOrDefault()));

    private static Task<Contact?> ContactByIdentity(OmnichannelDb db, ChannelKind channel, string handle) =>
        ContactByIdentityQuery.For(db)(db, channel, handle);

    private sealed record IdentityMatch(ChannelKind Channel, Contact Contact);

    private static readonly PerModel<Func<OmnichannelDb, ChannelKind, string, ChannelKind, string, IAsyncEnumerable<IdentityMatch>>> ContactByPhoneIdentitiesQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string handle, ChannelKind otherChannel, string otherHandle) =>
            db.ContactIdentities.Where(i => (i.Channel == channel && i.Handle == handle) || (i.Channel == otherChannel && i.Handle == otherHandle))
                .Join(db.Contacts, i => i.ContactId, c => c.Id, (i, c) => new IdentityMatch(i.Channel, c))));

    /// <summary>The contact of this identity, and the contact of the same phone number on the other Twilio channel.</summary>
    private static async Task<(Contact? Own, Contact? Counterpart)> ContactByPhoneIdentities(OmnichannelDb db, ChannelKind channel, string handle, ChannelKind otherChannel, string otherHandle)
    {
        Contact? own = null, counterpart = null;
        await foreach (var match in ContactByPhoneIdentitiesQuery.For(db)(db, channel, handle, otherChannel, otherHandle))
        {
            if (match.Channel == channel)
                own = match.Contact;
            else
                counterpart = match.Contact;
        }
        return (own, counterpart);
    }

    private static readonly PerModel<Func<OmnichannelDb, long, ChannelKind, Task<Conversation?>>> LatestConversationQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, long contactId, ChannelKind channel) =>
            db.Conversations.Where(c => c.ContactId == contactId && c.Channel == channel).OrderByDescending(c => c.Id).FirstOrDefault()));

    private static Task<Conversation?> LatestConversation(OmnichannelDb db, long contactId, ChannelKind channel) =>
        LatestConversationQuery.For(db)(db, contactId, channel);

    private static bool IsPlaceholderName(string name) => name.StartsWith("Visitor ", StringComparison.Ordinal);
}
