namespace Omnichannel.Adapters.Abstractions;

/// <summary>The channels a conversation can run on. Stored by name.</summary>
public enum ChannelKind
{
    WebChat,
    WhatsApp,
    Sms,
    Messenger,
    Telegram,
    Email,
    /// <summary>Bot Framework Activity protocol: Microsoft Teams, Direct Line (web/mobile apps), other Azure Bot channels.</summary>
    BotFramework,
}

public static class ChannelKinds
{
    /// <summary>Live channels expect an answer in seconds; the rest are asynchronous.</summary>
    public static bool IsLive(this ChannelKind channel) => channel == ChannelKind.WebChat;
}
