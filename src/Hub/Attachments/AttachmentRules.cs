namespace Omnichannel.Hub.Attachments;

/// <summary>Pure: whether an uploaded file may be kept, and why not (the status and the reason for the UI).</summary>
public static class AttachmentRules
{
    public sealed record Refusal(int Status, string Reason)
    {
        /// <summary>The problem-details title the upload endpoints give.</summary>
        public string Title => Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "File too large",
            StatusCodes.Status415UnsupportedMediaType => "File type not allowed",
            _ => "Invalid file",
        };
    }

    public static Refusal? Check(string? contentType, long size, ReadOnlySpan<byte> head, AttachmentOptions options)
    {
        if (size <= 0)
            return new(StatusCodes.Status400BadRequest, "The file is empty.");
        if (size > options.MaxBytes)
            return new(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {options.MaxBytes / (1024 * 1024.0):0.#} MB.");
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!options.Allowed.Contains(type))
            return new(StatusCodes.Status415UnsupportedMediaType, $"Files of type '{(type.Length == 0 ? "unknown" : type)}' cannot be sent; allowed: {string.Join(", ", options.Allowed)}.");
        if (!LooksLike(type, head))
            return new(StatusCodes.Status415UnsupportedMediaType, $"The file does not look like {type}.");
        return null;
    }

    /// <summary>A file's first bytes must match what it claims to be (a renamed executable is not a PDF).</summary>
    public static bool LooksLike(string type, ReadOnlySpan<byte> head) => type switch
    {
        "application/pdf" => head.StartsWith("%PDF-"u8),
        "image/png" => head.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }),
        "image/jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        "image/gif" => head.StartsWith("GIF8"u8),
        "image/webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => true,
    };
}
