namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// The longest text each channel's provider can carry, from the providers' documentation: Telegram message text
/// 4096 characters; WhatsApp 4096 (Meta's text message body); Twilio SMS bodies 1600; Messenger text 2000; web chat
/// is limited by the widget (WebChat options); e-mail has no protocol limit, so a generous cap for one message.
/// A longer text (a forged or broken payload that is nevertheless signed) is cut, and says so, rather than stored whole.
/// </summary>
public static class TextLimits
{
    public static int MaxInboundText(ChannelKind channel) => channel switch
    {
        ChannelKind.Telegram => 4096,
        ChannelKind.WhatsApp => 4096,
        ChannelKind.Sms => 1600,
        ChannelKind.Messenger => 2000,
        ChannelKind.Email => 100_000,
        _ => 10_000,
    };

    /// <summary>Pure: the message with its text cut to the channel's limit (marked), or the same message.</summary>
    public static InboundMessage Clip(InboundMessage message)
    {
        var max = MaxInboundText(message.Channel);
        if (message.Text.Length <= max)
            return message;
        var cut = char.IsHighSurrogate(message.Text[max - 1]) ? max - 1 : max;
        return message with { Text = message.Text[..cut] + $" […cut: {message.Text.Length - cut} more characters than {message.Channel} allows]" };
    }
}
