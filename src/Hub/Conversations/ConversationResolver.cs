using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>Finds (or creates) the contact and the conversation an inbound message belongs to.</summary>
public sealed class ConversationResolver(OmnichannelDb db, IOptions<ConversationOptions> options)
{
    public async Task<(Contact Contact, Conversation Conversation, bool Opened)> ResolveAsync(
        InboundMessage inbound, DateTime now, CancellationToken cancellationToken)
    {
        var contact = await FindContactAsync(inbound, cancellationToken) ?? NewContact(inbound, now);
        var conversation = await FindConversationAsync(contact, inbound, cancellationToken);
        if (conversation is not null && inbound.ThreadKey is not null)
            conversation.ThreadKey = inbound.ThreadKey;
        if (conversation is not null && conversation.State != ConversationState.Closed)
            return (contact, conversation, false);
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
        };
        db.Conversations.Add(conversation);
        return (contact, conversation, true);
    }

    private async Task<Contact?> FindContactAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var contact = await ContactByIdentity(db, inbound.Channel, inbound.ContactHandle);
        if (contact is null && PhoneIdentity.Counterpart(inbound.Channel, inbound.ContactHandle) is { } other)
        {
            // The same phone number already wrote on the other Twilio channel: one person, a second identity.
            contact = await ContactByIdentity(db, other.Channel, other.Handle);
            contact?.Identities.Add(new ContactIdentity { ContactId = contact.Id, Channel = inbound.Channel, Handle = inbound.ContactHandle });
        }
        if (contact is not null && inbound.ContactName is { Length: > 0 } name && contact.DisplayName != name && !IsPlaceholderName(name))
            contact.DisplayName = name;
        return contact;
    }

    private Contact NewContact(InboundMessage inbound, DateTime now)
    {
        var contact = new Contact
        {
            DisplayName = inbound.ContactName is { Length: > 0 } name ? name : inbound.ContactHandle,
            CreatedAt = now,
            Identities = [new ContactIdentity { Channel = inbound.Channel, Handle = inbound.ContactHandle }],
        };
        db.Contacts.Add(contact);
        return contact;
    }

    private async Task<Conversation?> FindConversationAsync(Contact contact, InboundMessage inbound, CancellationToken cancellationToken)
    {
        if (contact.Id == 0)
            return null;
        if (inbound.ConversationId is { } known)
            return await db.Conversations.FirstOrDefaultAsync(c => c.Id == known && c.ContactId == contact.Id, cancellationToken);
        if (inbound.NewConversation)
            return null;
        return await LatestConversation(db, contact.Id, inbound.Channel);
    }

    // Compiled once: these run for every inbound message. The contact is found from its identity (unique index),
    // never by scanning contacts for a matching identity.
    private static readonly Func<OmnichannelDb, ChannelKind, string, Task<Contact?>> ContactByIdentity =
        EF.CompileAsyncQuery((OmnichannelDb db, ChannelKind channel, string handle) =>
            db.ContactIdentities.Where(i => i.Channel == channel && i.Handle == handle)
                .Join(db.Contacts, i => i.ContactId, c => c.Id, (i, c) => c)
                .FirstOrDefault());

    private static readonly Func<OmnichannelDb, long, ChannelKind, Task<Conversation?>> LatestConversation =
        EF.CompileAsyncQuery((OmnichannelDb db, long contactId, ChannelKind channel) =>
            db.Conversations.Where(c => c.ContactId == contactId && c.Channel == channel).OrderByDescending(c => c.Id).FirstOrDefault());

    private static bool IsPlaceholderName(string name) => name.StartsWith("Visitor ", StringComparison.Ordinal);
}
