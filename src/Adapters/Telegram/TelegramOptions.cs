using System.ComponentModel.DataAnnotations;

namespace Omnichannel.Adapters.Telegram;

public enum TelegramMode
{
    /// <summary>Telegram calls POST /webhooks/telegram (needs a public https URL).</summary>
    Webhook,
    /// <summary>The hub asks Telegram for updates (getUpdates long polling): works on localhost with no public URL.</summary>
    Polling,
}

/// <summary>Bound from <c>Channels:Telegram</c>.</summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string Section = "Channels:Telegram";

    /// <summary>The bot token from @BotFather (123456:ABC...). Turns Telegram on.</summary>
    public string? BotToken { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook mode: when set, the hub registers {PublicBaseUrl}/webhooks/telegram with setWebhook at start.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Bot API server (default https://api.telegram.org): a local Bot API server, or a test server.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Polling mode: how long one getUpdates call waits for updates (long polling), in seconds.</summary>
    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(PublicBaseUrl), PublicBaseUrl), (nameof(ApiBaseUrl), ApiBaseUrl) })
            if (!string.IsNullOrWhiteSpace(value) && !Uri.TryCreate(value, UriKind.Absolute, out _))
                yield return new ValidationResult($"Channels:Telegram:{name} must be an absolute URL.", [name]);
        if (IsConfigured && Mode == TelegramMode.Webhook
            && (string.IsNullOrWhiteSpace(WebhookSecret) || WebhookSecret.Length > 256 || !WebhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            yield return new ValidationResult("Channels:Telegram:WebhookSecret is required in webhook mode: 1-256 characters of A-Z, a-z, 0-9, _ and -.", [nameof(WebhookSecret)]);
        if (IsConfigured && !BotToken!.Contains(':', StringComparison.Ordinal))
            yield return new ValidationResult("Channels:Telegram:BotToken does not look like a bot token (123456:ABC...).", [nameof(BotToken)]);
    }
}
