using SkiaSharp;

namespace Omnichannel.Hub.Attachments;

/// <summary>
/// Small copies of images for the console and the widget: decoded with SkiaSharp, scaled down to fit
/// <see cref="MaxEdge"/> (never up), re-encoded as JPEG (or PNG when the image has transparency) and kept next to the
/// original as <c>{id}.thumb</c>. Only raster types the allow-list admits are read; SVG is never thumbnailed or rendered.
/// </summary>
public static class Thumbnails
{
    public const string Suffix = "/thumb";
    public const int MaxEdge = 320;
    private const long MaxPixels = 40_000_000;

    public static bool CanThumbnail(string contentType) => contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    /// <summary>The target size for an image of the given size: the same when it already fits.</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxEdge = MaxEdge)
    {
        if (width <= maxEdge && height <= maxEdge)
            return (width, height);
        var scale = (double)maxEdge / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>The thumbnail file of a stored image, made on first use; null when the image cannot be decoded.</summary>
    public static async Task<(string Path, string ContentType)?> EnsureAsync(string originalPath, CancellationToken cancellationToken)
    {
        foreach (var (suffix, type) in new[] { (".thumb.jpg", "image/jpeg"), (".thumb.png", "image/png") })
            if (File.Exists(originalPath + suffix))
                return (originalPath + suffix, type);
        var made = await Task.Run(() => Make(originalPath), cancellationToken);
        if (made is null)
            return null;
        var (bytes, contentType, extension) = made.Value;
        var path = originalPath + extension;
        var part = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await File.WriteAllBytesAsync(part, bytes, cancellationToken);
        File.Move(part, path, overwrite: true);
        return (path, contentType);
    }

    private static (byte[] Bytes, string ContentType, string Extension)? Make(string originalPath)
    {
        using var codec = SKCodec.Create(originalPath);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
            return null;
        using var original = SKBitmap.Decode(codec);
        if (original is null)
            return null;
        var (width, height) = Fit(original.Width, original.Height);
        using var scaled = original.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (scaled is null)
            return null;
        using var image = SKImage.FromBitmap(scaled);
        var opaque = original.AlphaType == SKAlphaType.Opaque;
        using var data = image.Encode(opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 82);
        return data is null ? null : (data.ToArray(), opaque ? "image/jpeg" : "image/png", opaque ? ".thumb.jpg" : ".thumb.png");
    }
}
