using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Attachments;

/// <summary>A file as the visitor's widget sees it: a signed, expiring link on the hub (the widget prefixes the hub's address).</summary>
/// <param name="ThumbnailUrl">A small downscaled copy for images the hub can read; null for other files.</param>
public sealed record VisitorFileDto(string Url, string? ThumbnailUrl, string ContentType, string? Name, long? Size);

/// <summary>
/// Gives the widget links to the files of its conversation. The visitor has no cookie, and an <c>img</c> cannot send
/// the visitor's token, so each file gets a link signed with the hub's data-protection keys that expires after
/// <see cref="AttachmentOptions.LinkLifetime"/> (a new one is minted whenever the widget loads the message again).
/// Only files stored by the hub are linked; the widget never gets a third-party URL.
/// </summary>
public sealed class VisitorFiles(OutboundFiles files)
{
    public IReadOnlyList<VisitorFileDto> For(IReadOnlyList<Attachment> attachments) =>
        [.. attachments.Select(a => OutboundFiles.IdOf(a) is { } id ? Link(id, a) : null).OfType<VisitorFileDto>()];

    private VisitorFileDto Link(string id, Attachment attachment)
    {
        var url = files.SignedPath(id);
        var thumbnail = Thumbnails.CanThumbnail(attachment.ContentType) ? url + Thumbnails.Suffix : null;
        return new VisitorFileDto(url, thumbnail, attachment.ContentType, attachment.Name, attachment.Size);
    }
}
