using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Attachments;

/// <summary>
/// Files operators attach, for the senders: the stored bytes, or a public link for providers that fetch media
/// themselves (Twilio). The link carries the file id protected with the hub's data-protection keys and an expiry
/// (<c>/media/out/{token}</c>): it cannot be guessed, altered or used after <see cref="AttachmentOptions.LinkLifetime"/>.
/// </summary>
public sealed class OutboundFiles(AttachmentStore store, IDataProtectionProvider protection, IOptions<AttachmentOptions> options) : IOutboundFiles
{
    public const string LinkPath = "/media/out/";
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Omnichannel.OutboundFiles").ToTimeLimitedDataProtector();

    public Task<OutboundFile?> OpenAsync(Attachment attachment, CancellationToken cancellationToken)
    {
        if (IdOf(attachment) is not { } id || store.Find(id) is not { } found)
            return Task.FromResult<OutboundFile?>(null);
        Stream content = new FileStream(found.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Task.FromResult<OutboundFile?>(new OutboundFile(found.Meta.Name ?? id, found.Meta.ContentType, found.Meta.Size, content));
    }

    public Uri? PublicLink(Attachment attachment)
    {
        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl || IdOf(attachment) is not { } id)
            return null;
        return new Uri(baseUrl.TrimEnd('/') + SignedPath(id));
    }

    /// <summary>The path of a signed, expiring link to a stored file (relative to the hub's address), for the widget.</summary>
    public string SignedPath(string id) => LinkPath + Uri.EscapeDataString(protector.Protect(id, options.Value.LinkLifetime));

    /// <summary>The file id a signed link names, or null when the token is forged, altered or expired.</summary>
    public string? Unprotect(string token)
    {
        try
        {
            return protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The id of a file in our store, from its URL (/api/attachments/{id}); null for anything else.</summary>
    public static string? IdOf(Attachment attachment) =>
        attachment.Url.StartsWith(AttachmentStore.UrlPrefix, StringComparison.Ordinal) ? attachment.Url[AttachmentStore.UrlPrefix.Length..] : null;

    /// <summary>GET /media/out/{token}: the file, as a download, while the link is valid; 404 otherwise.</summary>
    public static Results<FileStreamHttpResult, NotFound> Download(string token, OutboundFiles files, AttachmentStore store, HttpContext http)
    {
        if (files.Unprotect(token) is not { } id || store.Find(id) is not { } found)
            return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(new FileStream(found.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true),
            found.Meta.ContentType, found.Meta.Name ?? id);
    }
}
