namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Lets a channel that threads by itself (email) find the conversation a message belongs to.
/// Implemented by the hub on its stored messages and conversations.
/// </summary>
public interface IConversationLookup
{
    /// <summary>The conversation holding the newest message (either direction) with one of these provider ids, if any.</summary>
    Task<ConversationThread?> FindByProviderMessageIdsAsync(ChannelKind channel, IReadOnlyCollection<string> providerMessageIds, CancellationToken cancellationToken);

    /// <summary>The contact's conversations on this channel with a message since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<ConversationThread>> FindRecentAsync(ChannelKind channel, string contactHandle, DateTime since, CancellationToken cancellationToken);
}

/// <param name="ThreadKey">The channel's opaque threading data stored on the conversation.</param>
public sealed record ConversationThread(long ConversationId, string ContactHandle, string? ThreadKey, DateTime LastMessageAt, bool Closed);
