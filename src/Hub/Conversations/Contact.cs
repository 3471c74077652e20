using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

/// <summary>A person, known on one or more channels through their identities.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public required string DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<ContactIdentity> Identities { get; set; } = [];
    /// <summary>Edited by operators in the customer panel (the identities stay as the channels gave them).</summary>
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>What operators want to remember about this person.</summary>
    public string? About { get; set; }
    public DateTime? UpdatedAt { get; set; }
    /// <summary>Set when this contact was merged into another (its identities and conversations moved there); null when active.</summary>
    public long? MergedIntoContactId { get; set; }
}

/// <summary>How a contact is addressed on one channel: phone, PSID, Telegram chat id, email, web visitor id.</summary>
public sealed class ContactIdentity
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public ChannelKind Channel { get; set; }
    public required string Handle { get; set; }
    /// <summary>Why replies cannot reach the contact on this channel (blocked the bot, unsubscribed); null when they can.</summary>
    public string? BlockedReason { get; set; }
    public DateTime? BlockedAt { get; set; }
    /// <summary>The identity was proven (e.g. a signed widget identity, or the channel itself: a phone number that wrote from it).</summary>
    public bool Verified { get; set; }
}
