namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// The files an operator attached to a reply, for the channel senders: the bytes (e-mail MIME parts, Telegram
/// uploads) or a signed, expiring public link (Twilio MediaUrl). Implemented by the hub over its attachment store.
/// </summary>
public interface IOutboundFiles
{
    /// <summary>The file's content, or null when it is no longer stored.</summary>
    Task<OutboundFile?> OpenAsync(Attachment attachment, CancellationToken cancellationToken);

    /// <summary>A link the provider can fetch the file from, valid for a limited time; null when the hub has no
    /// public address (<c>Attachments:PublicBaseUrl</c>).</summary>
    Uri? PublicLink(Attachment attachment);
}

/// <summary>An outgoing file; the caller disposes the stream.</summary>
public sealed record OutboundFile(string Name, string ContentType, long Size, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
