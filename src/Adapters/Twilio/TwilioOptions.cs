using System.ComponentModel.DataAnnotations;

namespace Omnichannel.Adapters.Twilio;

/// <summary>Bound from <c>Channels:Twilio</c>: the account shared by WhatsApp and SMS.</summary>
public sealed class TwilioOptions : IValidatableObject
{
    public const string Section = "Channels:Twilio";

    /// <summary>Account SID (AC...). With <see cref="AuthToken"/>, turns the Twilio channels on.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Auth token: authenticates our API calls and signs Twilio's webhooks (X-Twilio-Signature).</summary>
    public string? AuthToken { get; set; }

    /// <summary>The address Twilio calls us at (https://hub.example.com). Webhook signatures are computed over the
    /// public URL, so behind a proxy set this (or forward X-Forwarded-Proto/Host). Also used for status callbacks.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where the REST API is (default https://api.twilio.com): a regional edge, a proxy, or a test server.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Per-request timeout of API calls.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(PublicBaseUrl), PublicBaseUrl), (nameof(ApiBaseUrl), ApiBaseUrl) })
            if (!string.IsNullOrWhiteSpace(value) && !Uri.TryCreate(value, UriKind.Absolute, out _))
                yield return new ValidationResult($"Channels:Twilio:{name} must be an absolute URL.", [name]);
        if (string.IsNullOrWhiteSpace(AccountSid) != string.IsNullOrWhiteSpace(AuthToken))
            yield return new ValidationResult("Channels:Twilio needs both AccountSid and AuthToken (or neither, to leave WhatsApp and SMS off).", [nameof(AccountSid)]);
    }
}

/// <summary>Bound from <c>Channels:WhatsApp</c>.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "Channels:WhatsApp";

    /// <summary>The WhatsApp sender number in E.164 (+14155238886), without the whatsapp: prefix. Turns WhatsApp on.</summary>
    public string? From { get; set; }

    /// <summary>An approved template (Content SID, HX...) used for replies outside the 24-hour window.
    /// Its variable {{1}} receives the operator's text. Without one, such replies fail with a clear reason.</summary>
    public string? TemplateContentSid { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(From);
}

/// <summary>Bound from <c>Channels:Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string Section = "Channels:Sms";

    /// <summary>The SMS sender number in E.164. Turns SMS on (or give <see cref="MessagingServiceSid"/>).</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service (MG...) to send from instead of one number.</summary>
    public string? MessagingServiceSid { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid);
}
