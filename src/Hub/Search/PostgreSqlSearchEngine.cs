using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Search;

/// <summary>
/// PostgreSQL full text over Messages, Notes and Contacts: GIN expression indexes (see the PostgreSQL SearchIndex
/// migration) over <see cref="PostgreSqlSearchText.Document"/>, the same words as SQLite's FTS5 finds, newest first.
/// Snippets come from <see cref="SearchSnippet"/> (not ts_headline, whose parser keeps "jan@example.com" one word and
/// would mark other words than SQLite does).
/// </summary>
public sealed class PostgreSqlSearchEngine(OmnichannelDb db) : ISearchEngine
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var words = SearchTerms.Words(query.Text);
        var tsquery = PostgreSqlSearchText.Query(words);
        if (tsquery is null)
            return new SearchResults([], [], false);
        var (where, parameters) = SearchFilters.Build(query, PostgreSqlSearchText.Quote);
        parameters.Add(("q", tsquery));
        parameters.Add(("take", query.Offset + query.Limit + 1));
        var messages = await ReadAsync(Select("Message", "Messages", where), parameters, cancellationToken);
        var notes = await ReadAsync(Select("Note", "Notes", where), parameters, cancellationToken);
        var merged = messages.Concat(notes).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Skip(query.Offset).Take(query.Limit + 1).ToList();
        var page = merged.Take(query.Limit).ToList();
        var hits = page.Select(h => h with { Snippet = SearchSnippet.Make(h.Snippet, words) }).ToList();
        var contacts = query.Offset == 0 && !SearchFilters.Any(query)
            ? await ReadAsync($"""
                SELECT 'Contact', k."Id", NULL, k."Id", k."DisplayName", NULL, {SearchSnippet.ContactText}, k."CreatedAt"
                FROM "Contacts" k
                WHERE {PostgreSqlSearchText.Document(PostgreSqlSearchText.ContactText("k."))} @@ to_tsquery('{PostgreSqlSearchText.Config}', @q) AND k."MergedIntoContactId" IS NULL{SearchFilters.Contacts(query, PostgreSqlSearchText.Quote)}
                ORDER BY ts_rank({PostgreSqlSearchText.Document(PostgreSqlSearchText.ContactText("k."))}, to_tsquery('{PostgreSqlSearchText.Config}', @q)) DESC, k."Id" DESC LIMIT 10
                """, [("q", tsquery)], cancellationToken)
            : [];
        return new SearchResults(hits, [.. contacts.Select(c => c with { Snippet = SearchSnippet.Make(c.Snippet, words) })], merged.Count > query.Limit);
    }

    private static string Select(string kind, string table, string where) => $"""
        SELECT '{kind}', x."Id", x."ConversationId", c."ContactId", k."DisplayName", c."Channel", x."Text", x."CreatedAt"
        FROM "{table}" x JOIN "Conversations" c ON c."Id" = x."ConversationId" JOIN "Contacts" k ON k."Id" = c."ContactId"
        WHERE {PostgreSqlSearchText.Document("x.\"Text\"")} @@ to_tsquery('{PostgreSqlSearchText.Config}', @q){where}
        ORDER BY x."Id" DESC LIMIT @take
        """;

    private async Task<List<SearchHit>> ReadAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var hits = new List<SearchHit>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(new SearchHit(
                Enum.Parse<SearchKind>(reader.GetString(0)), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : Enum.Parse<ChannelKind>(reader.GetString(5)), reader.IsDBNull(6) ? "" : reader.GetString(6),
                DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)));
        return hits;
    }
}
