using System.Globalization;
using Microsoft.Extensions.Logging;
using Omnichannel.Adapters.Abstractions;
using Polly.Timeout;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Omnichannel.Adapters.Telegram;

/// <summary>Replies with the Bot API's sendMessage. Telegram has no messaging window and no delivery receipts:
/// a reply ends at Sent.</summary>
public sealed class TelegramSender(TelegramClients clients, ChannelHealth health, ILogger<TelegramSender> logger) : IChannelSender
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
            var sent = await clients.Create().SendMessage(chatId, message.Text, replyMarkup: keyboard, cancellationToken: cancellationToken);
            health.SendWorked(Channel);
            return SendResult.Sent($"{chatId}:{sent.MessageId}");
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
}
