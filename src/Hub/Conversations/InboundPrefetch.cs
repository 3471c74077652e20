using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

/// <summary>
/// The contacts (by identity) and their latest conversations for a group of inbound messages, loaded with two
/// queries for the whole group into the writer's context (tracked). Each answer — found or known absent — is
/// given once: a later message of the same contact in the group asks the database again, after what the
/// earlier one created has been saved.
/// </summary>
public sealed class InboundPrefetch
{
    private readonly Dictionary<(ChannelKind, string), Contact?> contacts = [];
    private readonly Dictionary<(long, ChannelKind), Conversation?> conversations = [];

    public bool TakeContact(ChannelKind channel, string handle, out Contact? contact) => contacts.Remove((channel, handle), out contact);

    public bool TakeConversation(long contactId, ChannelKind channel, out Conversation? conversation) =>
        conversations.Remove((contactId, channel), out conversation);

    /// <summary>Forget everything (the context's tracked entities were cleared).</summary>
    public void Clear()
    {
        contacts.Clear();
        conversations.Clear();
    }

    public static async Task<InboundPrefetch> LoadAsync(OmnichannelDb db, IReadOnlyCollection<InboundMessage> group, CancellationToken cancellationToken)
    {
        var prefetch = new InboundPrefetch();
        var keys = new HashSet<(ChannelKind Channel, string Handle)>();
        foreach (var inbound in group)
        {
            keys.Add((inbound.Channel, inbound.ContactHandle));
            if (PhoneIdentity.Counterpart(inbound.Channel, inbound.ContactHandle) is { } other)
                keys.Add((other.Channel, other.Handle));
        }
        var channels = keys.Select(k => k.Channel).Distinct().ToList();
        var handles = keys.Select(k => k.Handle).Distinct().ToList();
        var found = new List<IdentityRow>();
        await foreach (var row in ContactsQuery.For(db)(db, channels, handles).WithCancellation(cancellationToken))
            found.Add(row);
        foreach (var key in keys)
            prefetch.contacts[key] = null;
        foreach (var row in found)
            if (keys.Contains((row.Channel, row.Handle)))
                prefetch.contacts[(row.Channel, row.Handle)] = row.Contact;

        var contactIds = found.Select(f => f.Contact.Id).Distinct().ToList();
        if (contactIds.Count == 0)
            return prefetch;
        // Only the plain case is prefetched (the latest conversation of the contact on the channel); threaded and
        // explicitly addressed messages look up their own.
        var wanted = group.Where(m => m.ConversationId is null && !m.NewConversation).Select(m => m.Channel).Distinct().ToList();
        var latest = new List<Conversation>();
        await foreach (var conversation in LatestQuery.For(db)(db, contactIds, wanted).WithCancellation(cancellationToken))
            latest.Add(conversation);
        foreach (var contactId in contactIds)
            foreach (var channel in wanted)
                prefetch.conversations[(contactId, channel)] = null;
        foreach (var conversation in latest)
            prefetch.conversations[(conversation.ContactId, conversation.Channel)] = conversation;
        return prefetch;
    }

    private sealed record IdentityRow(ChannelKind Channel, string Handle, Contact Contact);

    // Compiled once (the writer runs them for every group): no expression tree to walk and look up per execution.
    private static readonly PerModel<Func<OmnichannelDb, List<ChannelKind>, List<string>, IAsyncEnumerable<IdentityRow>>> ContactsQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, List<ChannelKind> channels, List<string> handles) =>
            db.ContactIdentities
                .Where(i => channels.Contains(i.Channel) && handles.Contains(i.Handle))
                .Join(db.Contacts, i => i.ContactId, c => c.Id, (i, c) => new IdentityRow(i.Channel, i.Handle, c))));

    /// <summary>The latest conversation of each contact on each channel.</summary>
    private static readonly PerModel<Func<OmnichannelDb, List<long>, List<ChannelKind>, IAsyncEnumerable<Conversation>>> LatestQuery = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, List<long> contactIds, List<ChannelKind> channels) =>
            db.Conversations.Where(c => db.Conversations
                .Where(w => contactIds.Contains(w.ContactId) && channels.Contains(w.Channel))
                .GroupBy(w => new { w.ContactId, w.Channel })
                .Select(g => g.Max(w => w.Id))
                .Contains(c.Id))));
}
