using System.ComponentModel.DataAnnotations;

namespace Omnichannel.Adapters.Messenger;

/// <summary>Bound from <c>Channels:Messenger</c>.</summary>
public sealed class MessengerOptions : IValidatableObject
{
    public const string Section = "Channels:Messenger";

    /// <summary>The Page access token (Send API, profile look-ups). With <see cref="AppSecret"/> and
    /// <see cref="VerifyToken"/>, turns Messenger on.</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>The Meta app secret: webhooks are signed with it (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>Any string you choose and also type into the Meta webhook settings (GET verification).</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Graph API base address.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    public string ApiVersion { get; set; } = "v21.0";

    /// <summary>Look up the customer's name (first + last) through the Graph API for new senders.</summary>
    public bool LookUpNames { get; set; } = true;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PageAccessToken) && !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(VerifyToken);

    /// <summary>What is missing to turn the channel on, or null.</summary>
    public string? Missing() =>
        IsConfigured ? null
        : "Channels:Messenger:" + string.Join(", ", new[] { (nameof(PageAccessToken), PageAccessToken), (nameof(AppSecret), AppSecret), (nameof(VerifyToken), VerifyToken) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1)) + " not set";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out _))
            yield return new ValidationResult("Channels:Messenger:GraphBaseUrl must be an absolute URL.", [nameof(GraphBaseUrl)]);
        if (string.IsNullOrWhiteSpace(ApiVersion) || !ApiVersion.StartsWith('v'))
            yield return new ValidationResult("Channels:Messenger:ApiVersion must look like v21.0.", [nameof(ApiVersion)]);
    }
}
