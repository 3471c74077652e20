using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnichannel.Hub.Attachments;

/// <summary>
/// Downscaled images for the two UIs: <c>/api/attachments/{id}/thumb</c> for operators and
/// <c>/media/out/{token}/thumb</c> behind the widget's signed links. Shown inline (an <c>img</c>), still with
/// <c>nosniff</c> and a sandbox policy; 404 for anything that is not a readable raster image.
/// </summary>
public static class ThumbnailEndpoints
{
    public static Task<Results<FileStreamHttpResult, NotFound>> OperatorAsync(string id, AttachmentStore store, HttpContext http, CancellationToken cancellationToken) =>
        ServeAsync(id, store, http, "private, max-age=86400", cancellationToken);

    public static Task<Results<FileStreamHttpResult, NotFound>> SignedAsync(string token, OutboundFiles files, AttachmentStore store, HttpContext http, CancellationToken cancellationToken) =>
        files.Unprotect(token) is { } id
            ? ServeAsync(id, store, http, "private, max-age=3600", cancellationToken)
            : Task.FromResult<Results<FileStreamHttpResult, NotFound>>(TypedResults.NotFound());

    private static async Task<Results<FileStreamHttpResult, NotFound>> ServeAsync(string id, AttachmentStore store, HttpContext http, string cache, CancellationToken cancellationToken)
    {
        if (store.Find(id) is not { } found || !Thumbnails.CanThumbnail(found.Meta.ContentType))
            return TypedResults.NotFound();
        if (await Thumbnails.EnsureAsync(found.Path, cancellationToken) is not { } thumbnail)
            return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        http.Response.Headers.CacheControl = cache;
        return TypedResults.File(new FileStream(thumbnail.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), thumbnail.ContentType);
    }
}
