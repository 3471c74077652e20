namespace Omnichannel.Hub.Attachments;

/// <summary>Bound from <c>Attachments</c>: what visitors and operators may send, and how providers fetch it.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Largest file accepted from the widget or the console (413 above it).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Content types accepted (415 otherwise); images and PDFs are also checked by their first bytes.</summary>
    public string[]? AllowedContentTypes { get; set; }

    /// <summary>The hub's public address, for links providers fetch files from (Twilio MediaUrl). Without it, files cannot go out on Twilio.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long such a link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);

    public IReadOnlyList<string> Allowed => AllowedContentTypes is { Length: > 0 } given ? given : DefaultAllowed;

    public static readonly string[] DefaultAllowed = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain"];
}
