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

    /// <summary>The customer message an update carries (new or edited), or null for updates the inbox does not show.
    /// The provider id is the update_id, so a redelivered update is recognised.</summary>
    public static InboundMessage? ToInbound(Update update, DateTime receivedAt)
    {
        var edited = update.EditedMessage is not null;
        var message = update.Message ?? update.EditedMessage;
        // A message without a chat cannot be answered: skipped (the sender of the update gets no 5xx).
        if (message is null || message.Chat is null)
            return null;
        var attachments = new List<Attachment>();
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
            case { Location: { } location }:
                var lat = location.Latitude.ToString(CultureInfo.InvariantCulture);
                var lon = location.Longitude.ToString(CultureInfo.InvariantCulture);
                text = $"📍 Location: ({lat}, {lon})";
                attachments.Add(new Attachment($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}", "application/vnd.geo+link", "Location"));
                break;
            case { Sticker: { } sticker }:
                text = $"[Sticker {sticker.Emoji}]".Replace(" ]", "]", StringComparison.Ordinal);
                break;
        }
        if (text.Length == 0 && attachments.Count == 0)
            text = $"[Unsupported Telegram message: {message.Type.ToString().ToLowerInvariant()} — open it in Telegram]";
        if (edited)
            text = $"✏️ Edited: {text}";
        return new InboundMessage(ChannelKind.Telegram, message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            update.Id.ToString(CultureInfo.InvariantCulture), text, receivedAt)
        {
            ContactName = Name(message),
            Attachments = attachments,
        };
    }

    public static string? Name(Message message)
    {
        if (message.From is { } user)
        {
            var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return name.Length > 0 ? name : user.Username;
        }
        return message.Chat.Title ?? message.Chat.Username;
    }

    /// <summary>The update types the hub asks for.</summary>
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage];

    // A file without file_id cannot be fetched: left out (the text says what it was), never an exception.
    private static void AddFile(List<Attachment> attachments, string? fileId, string contentType, string? name, long? size)
    {
        if (!string.IsNullOrEmpty(fileId))
            attachments.Add(new(MediaPath + Uri.EscapeDataString(fileId), contentType, name, size));
    }
}
