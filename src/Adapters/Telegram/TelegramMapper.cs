using System.Globalization;
using System.Text.Json;
using Omnichannel.Adapters.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Omnichannel.Adapters.Telegram;

/// <summary>Pure mapping between Bot API updates and normalized messages. No I/O.</summary>
public static class TelegramMapper
{
    /// <summary>Where the console fetches a Telegram file through the hub (the real file URL contains the bot token).</summary>
    public const string MediaPath = "/media/telegram/";

    /// <summary>An update from a webhook body, or the reason it is malformed.</summary>
    public static (Update? Update, string? Error) Parse(string body)
    {
        try
        {
            var update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
            return update is { Id: > 0 } ? (update, null) : (null, "update_id is missing.");
        }
        catch (Exception ex)
        {
            // Telegram.Bot's converters throw more than JsonException on damaged input (KeyNotFoundException,
            // ArgumentException, OverflowException...): any failure to read the body means it is malformed.
            return (null, $"The body is not a Telegram update: {ex.Message}");
        }
    }

    /// <summary>What an update means: a private chat's message, edit, reaction, button tap or block; everything from
    /// groups, channels and other bots is ignored (a reply would go to the whole group, or to a machine).
    /// A message's provider id is "chat:message_id" — stable across redeliveries, and what edits and reactions name.</summary>
    public static TelegramEvent Map(Update update, DateTime receivedAt)
    {
        try
        {
            return MapUpdate(update, receivedAt);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // The Bot API types promise fields a damaged or unusual body may lack: skipped with the reason, never a 5xx.
            return new TelegramIgnored($"an update missing fields the inbox needs ({ex.GetType().Name})");
        }
    }

    private static TelegramEvent MapUpdate(Update update, DateTime receivedAt)
    {
        switch (update)
        {
            case { Message: { } message }:
                return Ignore(message) is { } why ? new TelegramIgnored(why) : new TelegramInbound(ToInbound(message, receivedAt));
            case { EditedMessage: { } edited }:
                if (Ignore(edited) is { } notPrivate)
                    return new TelegramIgnored(notPrivate);
                var asNew = ToInbound(edited, receivedAt);
                return new TelegramEdit(new InboundEdit(ChannelKind.Telegram, asNew.ContactHandle, asNew.ProviderMessageId, asNew.Text, At(edited.EditDate) ?? receivedAt),
                    asNew with { ProviderMessageId = $"{asNew.ProviderMessageId}#edit{update.Id}", Text = $"✏️ Edited: {asNew.Text}" });
            case { CallbackQuery: { } query }:
                return FromButton(update, query, receivedAt);
            case { MessageReaction: { } reaction }:
                if (reaction.Chat.Type != ChatType.Private || reaction.User is null or { IsBot: true })
                    return new TelegramIgnored("a reaction outside a private chat");
                var emoji = reaction.NewReaction.OfType<ReactionTypeEmoji>().Select(r => r.Emoji).FirstOrDefault()
                    ?? (reaction.NewReaction.Length > 0 ? "⭐" : null);
                return new TelegramReaction(new InboundReaction(ChannelKind.Telegram, Id(reaction.Chat.Id), MessageKey(reaction.Chat.Id, reaction.MessageId), emoji, receivedAt));
            case { MyChatMember: { } member } when member.Chat.Type == ChatType.Private:
                var blocked = member.NewChatMember.Status is ChatMemberStatus.Kicked or ChatMemberStatus.Left;
                return new TelegramReachability(new ContactReachability(ChannelKind.Telegram, Id(member.Chat.Id),
                    blocked ? "The customer blocked the bot in Telegram; replies cannot be delivered until they start it again." : null, receivedAt));
            case { ChannelPost: not null } or { EditedChannelPost: not null }:
                return new TelegramIgnored("a channel post");
            default:
                return new TelegramIgnored($"update type {update.Type}");
        }
    }

    /// <summary>Why a message is not a customer's (null when it is): groups and channels, and other bots.</summary>
    public static string? Ignore(Message message) =>
        message.Chat is null ? "a message without a chat (it cannot be answered)"
        : message.Chat.Type != ChatType.Private ? $"a message in a {message.Chat.Type.ToString().ToLowerInvariant()} chat"
        : message.From is { IsBot: true } ? "a message from a bot"
        : null;

    /// <summary>A new customer message in a private chat.</summary>
    public static InboundMessage ToInbound(Message message, DateTime receivedAt)
    {
        var attachments = new List<Attachment>();
        var metadata = new Dictionary<string, string>();
        var text = message.Text ?? message.Caption ?? "";
        switch (message)
        {
            case { Photo: { Length: > 0 } photos }:
                AddFile(attachments, photos.Where(p => p is not null).OrderByDescending(p => (long)p.Width * p.Height).FirstOrDefault()?.FileId, "image/jpeg", null, photos[^1]?.FileSize);
                break;
            case { Document: { } doc }:
                AddFile(attachments, doc.FileId, doc.MimeType ?? "application/octet-stream", doc.FileName, doc.FileSize);
                break;
            case { Video: { } video }:
                AddFile(attachments, video.FileId, video.MimeType ?? "video/mp4", video.FileName, video.FileSize);
                break;
            case { Voice: { } voice }:
                AddFile(attachments, voice.FileId, voice.MimeType ?? "audio/ogg", null, voice.FileSize);
                break;
            case { Audio: { } audio }:
                AddFile(attachments, audio.FileId, audio.MimeType ?? "audio/mpeg", audio.FileName, audio.FileSize);
                break;
            case { Contact: { } card }:
                var cardName = string.Join(' ', new[] { card.FirstName, card.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
                text = $"👤 Contact: {cardName}, {card.PhoneNumber}";
                metadata[MetadataKeys.Kind] = "contact";
                metadata[MetadataKeys.ContactName] = cardName;
                metadata[MetadataKeys.ContactPhone] = card.PhoneNumber ?? "";
                break;
            case { Venue: { } venue }:
                text = Location(venue.Location.Latitude, venue.Location.Longitude, $"{venue.Title}, {venue.Address}", attachments, metadata);
                break;
            case { Location: { } location }:
                text = Location(location.Latitude, location.Longitude, null, attachments, metadata);
                break;
            case { Sticker: { } sticker }:
                text = $"[Sticker {sticker.Emoji}]".Replace(" ]", "]", StringComparison.Ordinal);
                metadata[MetadataKeys.Kind] = "sticker";
                break;
        }
        if (message.Text is { } command && StartParameter(command) is { } start)
        {
            // t.me/<bot>?start=<param>: the customer came from a link; the parameter tells from where.
            metadata[MetadataKeys.StartParameter] = start;
            text = start.Length > 0 ? $"Started the chat from a link (start: {start})" : "Started the chat";
        }
        if (text.Length == 0 && attachments.Count == 0)
            text = $"[Unsupported Telegram message: {message.Type.ToString().ToLowerInvariant()} — open it in Telegram]";
        return new InboundMessage(ChannelKind.Telegram, Id(message.Chat.Id), MessageKey(message.Chat.Id, message.MessageId), text, receivedAt)
        {
            ContactName = Name(message),
            Attachments = attachments,
            Metadata = metadata,
        };
    }

    /// <summary>"/start" or "/start param" (also "/start@bot param"): the deep-link parameter ("" when none), else null.</summary>
    public static string? StartParameter(string text)
    {
        if (!text.StartsWith("/start", StringComparison.Ordinal))
            return null;
        var rest = text["/start".Length..];
        if (rest.StartsWith('@'))
            rest = rest.Contains(' ') ? rest[rest.IndexOf(' ')..] : "";
        return rest.Length == 0 || rest[0] == ' ' ? rest.Trim() : null;
    }

    /// <summary>The provider id of a message: chat id and message id (message ids are per chat).</summary>
    public static string MessageKey(long chatId, int messageId) => $"{Id(chatId)}:{messageId.ToString(CultureInfo.InvariantCulture)}";

    private static TelegramEvent FromButton(Update update, CallbackQuery query, DateTime receivedAt)
    {
        if (query.From.IsBot || query.Message is { Chat.Type: not ChatType.Private })
            return new TelegramIgnored("a button outside a private chat");
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var label = query.Message?.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).FirstOrDefault(b => b.CallbackData == query.Data)?.Text;
        var data = query.Data ?? query.GameShortName ?? "";
        var inbound = new InboundMessage(ChannelKind.Telegram, Id(chatId), $"callback:{query.Id}", label ?? data, receivedAt)
        {
            ContactName = Name(query.From),
            Metadata = new Dictionary<string, string> { [MetadataKeys.Kind] = "button", [MetadataKeys.Payload] = data },
        };
        return new TelegramInbound(inbound, query.Id);
    }

    private static string Location(double latitude, double longitude, string? label, List<Attachment> attachments, Dictionary<string, string> metadata)
    {
        var lat = latitude.ToString(CultureInfo.InvariantCulture);
        var lon = longitude.ToString(CultureInfo.InvariantCulture);
        attachments.Add(new Attachment($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}", "application/vnd.geo+link", label ?? "Location"));
        metadata[MetadataKeys.Kind] = "location";
        metadata[MetadataKeys.Latitude] = lat;
        metadata[MetadataKeys.Longitude] = lon;
        return label is null ? $"📍 Location: ({lat}, {lon})" : $"📍 Location: {label} ({lat}, {lon})";
    }

    private static DateTime? At(DateTime? date) => date is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Name(User user)
    {
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return name.Length > 0 ? name : user.Username;
    }

    public static string? Name(Message message) =>
        message.From is { } user ? Name(user) : message.Chat.Title ?? message.Chat.Username;

    /// <summary>The update types the hub asks for.</summary>
    /// <remarks>Telegram delivers only the types asked for: without callback_query a button never answers, without
    /// my_chat_member a block is never known, and message_reaction is not sent unless named.</remarks>
    public static readonly UpdateType[] AllowedUpdates =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MessageReaction, UpdateType.MyChatMember];

    // A file without file_id cannot be fetched: left out (the text says what it was), never an exception.
    private static void AddFile(List<Attachment> attachments, string? fileId, string contentType, string? name, long? size)
    {
        if (!string.IsNullOrEmpty(fileId))
            attachments.Add(new(MediaPath + Uri.EscapeDataString(fileId), contentType, name, size));
    }
}
