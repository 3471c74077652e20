namespace Omnichannel.Hub.Realtime;

/// <summary>Bound from <c>Widget</c>: where the widget may be embedded and how far the hub trusts what it says.</summary>
public sealed class WidgetEmbedOptions
{
    public const string Section = "Widget";

    /// <summary>
    /// Shop origins allowed to embed the widget ("https://shop.example", scheme + host + port, no path), or "*"
    /// for any site. Applies to the widget's endpoints and /hubs/visitor only: the console and the operator API
    /// never answer CORS. The hub's own pages (the demo shop) are always allowed. Not set (empty): any site, as "*".
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The per-site secret a shop's server signs logged-in customers' identities with (HMAC-SHA256). Empty: identities are never verified.</summary>
    public string? IdentitySecret { get; set; }

    /// <summary>Operators see a live preview of what the visitor is typing (false: only "typing…").</summary>
    public bool TypingPreview { get; set; } = true;

    /// <summary>How long a visitor token (the widget's identity, kept in local storage) is valid; renewed past half of it.</summary>
    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public bool AnyOrigin => AllowedOrigins.Count == 0 || AllowedOrigins.Any(o => o.Trim() == "*");

    /// <summary>The listed origins as browsers send them: lower case, no trailing slash.</summary>
    public IEnumerable<string> ListedOrigins => AllowedOrigins
        .Select(o => o.Trim().TrimEnd('/').ToLowerInvariant())
        .Where(o => o.Length > 0 && o != "*");
}
