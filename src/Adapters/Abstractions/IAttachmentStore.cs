namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Keeps files that came with a customer message (email attachments, media) and gives back the
/// <see cref="Attachment"/> the console shows (its URL is served to signed-in operators only).
/// Implemented by the hub.
/// </summary>
public interface IAttachmentStore
{
    Task<Attachment> SaveAsync(ChannelKind channel, string? name, string contentType, Stream content, CancellationToken cancellationToken);
}
