using System.Globalization;
using Microsoft.Extensions.Logging;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Omnichannel.Adapters.Telegram;

/// <summary>Replies with the Bot API's sendMessage. Telegram has no messaging window and no delivery receipts:
/// a reply ends at Sent.</summary>
public sealed class TelegramSender(TelegramClients clients, IOutboundFiles files, ChannelHealth health, ILogger<TelegramSender> logger) : IChannelSender
{
    public ChannelKind Channel => ChannelKind.Telegram;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (!long.TryParse(message.ContactHandle, NumberStyles.Integer, CultureInfo.InvariantCulture, out var chatId))
            return SendResult.Permanent($"'{message.ContactHandle}' is not a Telegram chat id.");
        try
        {
            // Quick replies (e.g. the CSAT scores) as a one-time reply keyboard; its buttons send their text back.
            var keyboard = message.QuickReplies.Count == 0 ? null
                : new global::Telegram.Bot.Types.ReplyMarkups.ReplyKeyboardMarkup(message.QuickReplies.Select(q => new global::Telegram.Bot.Types.ReplyMarkups.KeyboardButton(q)).ToArray())
                { OneTimeKeyboard = true, ResizeKeyboard = true };
            if (message.Attachments.Count > 0)
                return await SendFilesAsync(chatId, message, cancellationToken);
            var sent = await clients.Create().SendMessage(chatId, message.Text, replyMarkup: keyboard, cancellationToken: cancellationToken);
            health.SendWorked(Channel);
            return SendResult.Sent($"{chatId}:{sent.MessageId}");
        }
        catch (InvalidDataException ex)
        {
            return SendResult.Permanent(ex.Message);
        }
        catch (ApiRequestException ex)
        {
            var reason = $"Telegram refused the message: {ex.Message}";
            logger.LogWarning("Bot API answered {Code} to message {MessageId}: {Reason}", ex.ErrorCode, message.MessageId, ex.Message);
            // 401: the token is revoked; 404 on every method: the token is unknown. 403 is "bot was blocked by the user", not our credentials.
            if (ex.ErrorCode is 401 or 404)
            {
                health.CredentialsRefused(Channel, reason);
                return SendResult.Permanent(reason);
            }
            return SendFailures.Classify(ex.ErrorCode, reason);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SendFailures.Unreachable("Telegram", clients.Endpoint, ex);
        }
    }

    /// <summary>One Bot API call for the whole reply (so a retry never repeats half of it): sendPhoto for one image,
    /// sendDocument for one other file, sendMediaGroup for several; the text is the caption.</summary>
    private async Task<SendResult> SendFilesAsync(long chatId, OutboundMessage message, CancellationToken cancellationToken)
    {
        var opened = new List<OutboundFile>();
        try
        {
            foreach (var attachment in message.Attachments)
                opened.Add(await files.OpenAsync(attachment, cancellationToken)
                    ?? throw new InvalidDataException($"The attached file {attachment.Name} is no longer stored."));
            var bot = clients.Create();
            var caption = message.Text.Length > 0 ? message.Text : null;
            if (caption is { Length: > 1024 })
                return SendResult.Permanent("Telegram allows at most 1024 characters of text with files; send the text on its own.");
            int messageId;
            if (opened.Count == 1)
            {
                var file = opened[0];
                var input = global::Telegram.Bot.Types.InputFile.FromStream(file.Content, file.Name);
                var sent = IsPhoto(file)
                    ? await bot.SendPhoto(chatId, input, caption: caption, cancellationToken: cancellationToken)
                    : await bot.SendDocument(chatId, input, caption: caption, cancellationToken: cancellationToken);
                messageId = sent.MessageId;
            }
            else
            {
                var allPhotos = opened.All(IsPhoto);
                var media = opened.Select((f, i) => allPhotos
                    ? (global::Telegram.Bot.Types.IAlbumInputMedia)new global::Telegram.Bot.Types.InputMediaPhoto(global::Telegram.Bot.Types.InputFile.FromStream(f.Content, f.Name)) { Caption = i == 0 ? caption : null }
                    : new global::Telegram.Bot.Types.InputMediaDocument(global::Telegram.Bot.Types.InputFile.FromStream(f.Content, f.Name)) { Caption = i == 0 ? caption : null }).ToList();
                var sent = await bot.SendMediaGroup(chatId, media, cancellationToken: cancellationToken);
                messageId = sent[0].MessageId;
            }
            health.SendWorked(Channel);
            return SendResult.Sent($"{chatId}:{messageId}");
        }
        finally
        {
            foreach (var file in opened)
                await file.DisposeAsync();
        }
    }

    private static bool IsPhoto(OutboundFile file) => file.ContentType is "image/jpeg" or "image/png" or "image/webp";
}
