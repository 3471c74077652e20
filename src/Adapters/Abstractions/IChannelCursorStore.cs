namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Durable small state a channel listener needs across restarts (IMAP UIDVALIDITY + last UID, Telegram
/// update offset). Implemented by the hub on its database.
/// </summary>
public interface IChannelCursorStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
