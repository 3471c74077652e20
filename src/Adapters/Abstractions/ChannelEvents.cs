namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Provider events besides a new customer message, as the hub stores them. Each names the message or the contact
/// it is about by the provider's own ids, so a receiver maps and hands it over without looking anything up.
/// </summary>
/// <param name="ProviderMessageId">The edited message's provider id (as stored when it arrived).</param>
public sealed record InboundEdit(ChannelKind Channel, string ContactHandle, string ProviderMessageId, string Text, DateTime EditedAt);

/// <summary>A customer reacted to a message (theirs or ours); <paramref name="Emoji"/> null removes the reaction.</summary>
public sealed record InboundReaction(ChannelKind Channel, string ContactHandle, string ProviderMessageId, string? Emoji, DateTime At);

/// <summary>The customer blocked the bot / unsubscribed (<paramref name="BlockedReason"/> set) or came back (null):
/// replies on this channel are disabled with that reason until they return.</summary>
public sealed record ContactReachability(ChannelKind Channel, string ContactHandle, string? BlockedReason, DateTime At);

/// <summary>Structured data a provider sent with a message, kept beside the text and shown to the operator.</summary>
public static class MetadataKeys
{
    /// <summary>Messenger quick reply / postback payload, Twilio ButtonPayload, Telegram callback_query data.</summary>
    public const string Payload = "payload";
    /// <summary>Telegram /start deep-link parameter, Messenger referral ref: where the customer came from.</summary>
    public const string StartParameter = "start";
    public const string ContactName = "contact.name";
    public const string ContactPhone = "contact.phone";
    public const string Latitude = "location.lat";
    public const string Longitude = "location.lon";
    /// <summary>Which kind of event the message was (sticker, button, contact, location, fallback...).</summary>
    public const string Kind = "kind";
}
