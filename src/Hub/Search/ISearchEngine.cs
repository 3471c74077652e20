using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Search;

public enum SearchKind
{
    Message,
    Note,
    Contact,
}

/// <summary>What an operator searches for: free text (never parsed as query syntax) and filters; Offset/Limit page the hits.</summary>
public sealed record SearchQuery(string Text, ChannelKind? Channel = null, DateTime? From = null, DateTime? To = null, long? LabelId = null, long? OperatorId = null, int Offset = 0, int Limit = 20)
{
    /// <summary>Which conversations the searching person may see (their notes and messages, and contacts with one); null: all.</summary>
    public Teams.ConversationScope? Scope { get; init; }
}

/// <summary>
/// One hit. Snippet is plain text in which the matched words are wrapped in <see cref="SearchMarks.Start"/> and
/// <see cref="SearchMarks.End"/> (control characters, so no HTML ever travels: the console turns them into highlights).
/// </summary>
public sealed record SearchHit(SearchKind Kind, long Id, long? ConversationId, long ContactId, string ContactName, ChannelKind? Channel, string Snippet, DateTime At);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchHit> Contacts, bool More);

public static class SearchMarks
{
    public const string Start = "\u0002";
    public const string End = "\u0003";
}

/// <summary>
/// Full-text search across messages, notes and contacts. One implementation per storage provider (SQLite FTS5 now; a
/// PostgreSQL tsvector implementation registers itself the same way); both must return the same hits for the same data.
/// </summary>
public interface ISearchEngine
{
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken);
}
