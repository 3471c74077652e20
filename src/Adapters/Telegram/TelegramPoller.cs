using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Omnichannel.Adapters.Telegram;

/// <summary>
/// Long-polling mode: asks Telegram for updates (getUpdates with a timeout), hands each to the receiver and
/// persists the next offset after each one, so a restart neither loses nor repeats updates (and a repeat would be
/// deduplicated by update_id anyway). Also, in webhook mode with a public URL, registers the webhook at start.
/// </summary>
public sealed class TelegramPoller(
    IServiceScopeFactory scopes, TelegramClients clients, IChannelCursorStore cursors, IOptions<TelegramOptions> options,
    ChannelHealth health, TimeProvider time, ILogger<TelegramPoller> logger) : BackgroundService
{
    public const string OffsetKey = "telegram:offset";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return;
        await Task.Yield();
        if (settings.Mode == TelegramMode.Webhook)
        {
            await RegisterWebhookAsync(settings, stoppingToken);
            return;
        }
        var failures = 0;
        var removedWebhook = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var bot = clients.Create();
                if (!removedWebhook)
                {
                    // getUpdates does not work while a webhook is set.
                    await bot.DeleteWebhook(cancellationToken: stoppingToken);
                    removedWebhook = true;
                }
                await PollOnceAsync(bot, settings.PollingTimeoutSeconds, stoppingToken);
                if (failures > 0)
                    health.Report(ChannelKind.Telegram, configured: true, healthy: true);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var reason = ex is ApiRequestException { ErrorCode: 401 or 404 }
                    ? $"The provider refused our credentials: {ex.Message}"
                    : $"Polling Telegram failed: {ex.Message}";
                health.Report(ChannelKind.Telegram, configured: true, healthy: false, reason);
                logger.LogWarning("Telegram getUpdates failed ({Failures} in a row): {Reason}", failures, ex.Message);
                var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(failures, 6))));
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>One getUpdates call; returns how many updates it handled.</summary>
    public async Task<int> PollOnceAsync(ITelegramBotClient bot, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var offset = int.TryParse(await cursors.GetAsync(OffsetKey, cancellationToken), out var stored) ? stored : (int?)null;
        var updates = await bot.GetUpdates(offset, limit: 100, timeout: timeoutSeconds, allowedUpdates: TelegramMapper.AllowedUpdates, cancellationToken: cancellationToken);
        foreach (var update in updates)
        {
            string? callbackQueryId;
            await using (var scope = scopes.CreateAsyncScope())
                callbackQueryId = await scope.ServiceProvider.GetRequiredService<TelegramReceiver>().HandleAsync(update, cancellationToken);
            if (callbackQueryId is not null)
                await AnswerButtonAsync(bot, callbackQueryId, cancellationToken);
            await cursors.SetAsync(OffsetKey, (update.Id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
        return updates.Length;
    }

    /// <summary>Stops the customer's button spinning; the tap is already stored, so a failure here only costs the spinner.</summary>
    private async Task AnswerButtonAsync(ITelegramBotClient bot, string callbackQueryId, CancellationToken cancellationToken)
    {
        try
        {
            await bot.AnswerCallbackQuery(callbackQueryId, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug("answerCallbackQuery failed: {Reason}", ex.Message);
        }
    }

    private async Task RegisterWebhookAsync(TelegramOptions settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
        {
            logger.LogInformation("Telegram webhook mode: register {Path} with setWebhook yourself, or set Channels:Telegram:PublicBaseUrl", "/webhooks/telegram");
            return;
        }
        var url = settings.PublicBaseUrl.TrimEnd('/') + "/webhooks/telegram";
        try
        {
            await clients.Create().SetWebhook(url, allowedUpdates: TelegramMapper.AllowedUpdates, secretToken: settings.WebhookSecret, cancellationToken: cancellationToken);
            logger.LogInformation("Telegram webhook registered at {Url}", url);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            health.Report(ChannelKind.Telegram, configured: true, healthy: false, $"setWebhook failed: {ex.Message}");
            logger.LogWarning("Telegram setWebhook for {Url} failed: {Reason}", url, ex.Message);
        }
    }
}
