using System.ComponentModel.DataAnnotations;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>Bound from <c>Channels:BotFramework</c>: the Azure Bot's app registration and the Bot Connector's endpoints.</summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public const string Section = "Channels:BotFramework";
    public const string PublicOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string PublicIssuer = "https://api.botframework.com";

    /// <summary>The bot's Microsoft App ID: the audience every Bot Connector token must carry. Turns the channel on.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the client-credentials token replies are sent with.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Where the Bot Connector publishes its signing keys (OpenID metadata with jwks_uri).</summary>
    public string OpenIdMetadataUrl { get; set; } = PublicOpenIdMetadataUrl;

    /// <summary>Accepted token issuers; default the public Bot Connector's.</summary>
    public string[]? ValidIssuers { get; set; }

    /// <summary>Client-credentials endpoint (single-tenant bots: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token).</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Signing keys are fetched again after this long even when nothing asks for it.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A token signed with an unknown key fetches the keys again (they rotate), at most this often.</summary>
    public TimeSpan MinKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    public IReadOnlyList<string> Issuers => ValidIssuers is { Length: > 0 } given ? given : [PublicIssuer];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(OpenIdMetadataUrl), OpenIdMetadataUrl), (nameof(TokenEndpoint), TokenEndpoint) })
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
                yield return new ValidationResult($"Channels:BotFramework:{name} must be an https URL (http only on loopback, for tests).", [name]);
        if (!string.IsNullOrWhiteSpace(AppId) != !string.IsNullOrWhiteSpace(AppPassword))
            yield return new ValidationResult("Channels:BotFramework needs both AppId and AppPassword.", [nameof(AppId), nameof(AppPassword)]);
    }
}
