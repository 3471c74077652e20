using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Omnichannel.Adapters.Telegram;

public static class TelegramChannel
{
    /// <summary>Telegram through a bot: webhook or long polling. Off (and says so at start) until a bot token is set.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SignatureGuard>();
        services.AddChannelHttpClient(TelegramClients.HttpClientName, _ => null, sp => sp.GetRequiredService<IOptions<TelegramOptions>>().Value.RequestTimeout);
        services.AddSingleton<TelegramClients>();
        services.AddScoped<TelegramReceiver>();
        services.AddScoped<IChannelSender, TelegramSender>();
        services.AddHostedService<TelegramStartupReport>();
        services.AddHostedService<TelegramPoller>();
        return services;
    }

    /// <param name="mediaPolicy">The authorization policy of the console, which fetches customers' files through the hub.</param>
    public static IEndpointRouteBuilder MapTelegramChannel(this IEndpointRouteBuilder app, string mediaPolicy)
    {
        app.MapPost("/webhooks/telegram", (HttpRequest request, TelegramReceiver receiver, CancellationToken ct) => receiver.WebhookAsync(request, ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(TelegramMapper.MediaPath + "{fileId}", DownloadAsync).RequireAuthorization(mediaPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>Streams a customer's file from Telegram (its real URL carries the bot token, so the console never sees it).</summary>
    private static async Task<IResult> DownloadAsync(string fileId, HttpContext http, TelegramClients clients, IOptions<TelegramOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
            return Results.NotFound();
        var bot = clients.Create();
        try
        {
            var file = await bot.GetFile(fileId, cancellationToken);
            if (file.FilePath is null)
                return Results.NotFound();
            http.Response.ContentType = Path.GetExtension(file.FilePath).ToLowerInvariant() switch
            {
                ".jpg" or ".jpeg" => "image/jpeg",
                ".png" => "image/png",
                ".webp" => "image/webp",
                ".mp4" => "video/mp4",
                ".ogg" or ".oga" => "audio/ogg",
                ".mp3" => "audio/mpeg",
                ".pdf" => "application/pdf",
                _ => "application/octet-stream",
            };
            http.Response.Headers.CacheControl = "private, max-age=3600";
            await bot.DownloadFile(file.FilePath, http.Response.Body, cancellationToken);
            return Results.Empty;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            return Results.NotFound();
        }
        catch (Exception ex) when (!http.Response.HasStarted && !cancellationToken.IsCancellationRequested
                                   && ex is ApiRequestException or RequestException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
        {
            // The Bot API is down or refuses us: a gateway problem the console can show, not an unhandled 500.
            return Results.Problem($"The Telegram Bot API at {clients.Endpoint} could not deliver the file: {ex.Message}",
                statusCode: StatusCodes.Status502BadGateway, title: "Telegram unavailable");
        }
    }

    private sealed class TelegramStartupReport(IOptions<TelegramOptions> options, ChannelHealth health, ILogger<TelegramStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var missing = settings.IsConfigured ? null : "Channels:Telegram:BotToken is not set";
            health.Started(ChannelKind.Telegram, missing);
            if (missing is null)
                logger.LogInformation("Telegram is on in {Mode} mode{Webhook}", settings.Mode, settings.Mode == TelegramMode.Webhook ? "; webhook: POST /webhooks/telegram" : "");
            else
                logger.LogInformation("Telegram is off: {Missing}", missing);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
