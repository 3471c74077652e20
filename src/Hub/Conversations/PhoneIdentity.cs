using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Conversations;

/// <summary>
/// Pure: the same phone number on SMS and WhatsApp is one person. WhatsApp handles are "whatsapp:+E164", SMS
/// handles are "+E164"; the counterpart is the other channel's handle for the same normalized number.
/// </summary>
public static class PhoneIdentity
{
    private const string WhatsAppPrefix = "whatsapp:";

    /// <summary>E.164 without the whatsapp: prefix, spaces, dashes or brackets; null when it is not a phone number.</summary>
    public static string? Normalize(string handle)
    {
        var raw = handle.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? handle[WhatsAppPrefix.Length..] : handle;
        var digits = new string([.. raw.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '.'))]);
        return digits.Length >= 4 && digits[0] == '+' && digits[1..].All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The identity the same person would have on the other phone channel, or null for other channels.</summary>
    public static (ChannelKind Channel, string Handle)? Counterpart(ChannelKind channel, string handle) =>
        (channel, Normalize(handle)) switch
        {
            (_, null) => null,
            (ChannelKind.WhatsApp, { } phone) => (ChannelKind.Sms, phone),
            (ChannelKind.Sms, { } phone) => (ChannelKind.WhatsApp, WhatsAppPrefix + phone),
            _ => null,
        };
}
