namespace Omnichannel.Hub.Search;

/// <summary>
/// The SQL pieces of PostgreSQL search, shared by the engine and the migration that indexes them (an expression index
/// is used only when the query repeats its expression exactly).
/// </summary>
public static class PostgreSqlSearchText
{
    /// <summary>
    /// A text search configuration made by the migration: 'simple' (no stemming, no stop words: Dutch and English alike,
    /// as SQLite's unicode61) after 'unaccent' (café finds cafe, as remove_diacritics does).
    /// </summary>
    public const string Config = "omnichannel_search";

    public static string Quote(string identifier) => $"\"{identifier}\"";

    /// <summary>
    /// The indexed document: punctuation becomes a space before parsing, so e-mail addresses, URLs and hyphenated words
    /// split into their words as in FTS5 (PostgreSQL's parser would otherwise keep "jan@example.com" as one token).
    /// </summary>
    public static string Document(string text) => $"to_tsvector('{Config}'::regconfig, regexp_replace({text}, '[[:punct:]]+', ' ', 'g'))";

    /// <summary>The searchable text of a contact (columns prefixed with <paramref name="alias"/>, e.g. "k."), immutable so it can be indexed.</summary>
    public static string ContactText(string alias = "") =>
        $"({alias}\"DisplayName\" || ' ' || coalesce({alias}\"Email\", '') || ' ' || coalesce({alias}\"Phone\", '') || ' ' || coalesce({alias}\"About\", ''))";

    /// <summary>
    /// A to_tsquery expression in which every word must occur, the last one also as a prefix (search as you type). The
    /// words are letters and digits only (<see cref="SearchTerms.Words"/>), quoted, so nothing typed is ever syntax.
    /// </summary>
    public static string? Query(IReadOnlyList<string> words) =>
        words.Count == 0 ? null : string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"'{w}':*" : $"'{w}'"));
}
