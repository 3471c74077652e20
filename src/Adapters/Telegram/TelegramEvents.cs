using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Telegram;

/// <summary>What one Bot API update means for the inbox.</summary>
public abstract record TelegramEvent;

/// <summary>A customer message. <see cref="CallbackQueryId"/> is set for a tapped inline button, which Telegram
/// wants answered (else the button keeps spinning).</summary>
public sealed record TelegramInbound(InboundMessage Message, string? CallbackQueryId = null) : TelegramEvent;

/// <summary>The customer edited a message; <see cref="AsNew"/> is stored instead when the original is unknown.</summary>
public sealed record TelegramEdit(InboundEdit Edit, InboundMessage AsNew) : TelegramEvent;

public sealed record TelegramReaction(InboundReaction Reaction) : TelegramEvent;

/// <summary>The customer blocked the bot (kicked) or restarted it (member).</summary>
public sealed record TelegramReachability(ContactReachability Change) : TelegramEvent;

/// <summary>Not for the inbox (groups, channels, other bots, update kinds the hub does not ask for), with why.</summary>
public sealed record TelegramIgnored(string Reason) : TelegramEvent;
