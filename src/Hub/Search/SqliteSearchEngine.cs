using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Search;

/// <summary>SQLite FTS5 over Messages, Notes and Contacts (external-content tables kept by triggers; see the SearchIndex migration).</summary>
public sealed class SqliteSearchEngine(OmnichannelDb db) : ISearchEngine
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var words = SearchTerms.Words(query.Text);
        var match = SearchTerms.Fts5(words);
        if (match is null)
            return new SearchResults([], [], false);
        var (where, filters) = SearchFilters.Build(query, name => name,
            d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        var parameters = filters.Select(f => new SqliteParameter("@" + f.Name, f.Value)).ToList();
        parameters.Add(new("@q", match));
        // Each index is read newest first (FTS5 walks rowids backwards and stops at the limit); the two lists are merged
        // by time here, and snippets are made only for the page shown (SearchSnippet, the same for every engine).
        var wanted = query.Offset + query.Limit + 1;
        parameters.Add(new("@take", wanted));
        var messages = await ReadAsync(Select("Message", "MessagesFts", "Messages", where), parameters, cancellationToken);
        var notes = await ReadAsync(Select("Note", "NotesFts", "Notes", where), parameters, cancellationToken);
        var merged = messages.Concat(notes).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Skip(query.Offset).Take(query.Limit + 1).ToList();
        var page = merged.Take(query.Limit).ToList();
        var hits = page.Select(h => h with { Snippet = SearchSnippet.Make(h.Snippet, words) }).ToList();
        var contacts = query.Offset == 0 && !SearchFilters.Any(query)
            ? await ReadAsync($"""
                SELECT 'Contact', k.Id, NULL, k.Id, k.DisplayName, NULL, {SearchSnippet.ContactText}, k.CreatedAt
                FROM ContactsFts JOIN Contacts k ON k.Id = ContactsFts.rowid
                WHERE ContactsFts MATCH @q AND k.MergedIntoContactId IS NULL{SearchFilters.Contacts(query, name => name)} ORDER BY rank LIMIT 10
                """, [new("@q", match)], cancellationToken)
            : [];
        return new SearchResults(hits, [.. contacts.Select(c => c with { Snippet = SearchSnippet.Make(c.Snippet, words) })], merged.Count > query.Limit);
    }

    /// <remarks>CROSS JOIN keeps the full-text index as the outer loop (SQLite never reorders it), whatever the other indexes suggest.</remarks>
    private static string Select(string kind, string fts, string table, string where) => $"""
        SELECT '{kind}', x.Id, x.ConversationId, c.ContactId, k.DisplayName, c.Channel, x.Text, x.CreatedAt
        FROM {fts} CROSS JOIN {table} x ON x.Id = {fts}.rowid CROSS JOIN Conversations c ON c.Id = x.ConversationId CROSS JOIN Contacts k ON k.Id = c.ContactId
        WHERE {fts} MATCH @q{where}
        ORDER BY {fts}.rowid DESC LIMIT @take
        """;

    private async Task<List<SearchHit>> ReadAsync(string sql, List<SqliteParameter> parameters, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value)).ToArray());
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(new SearchHit(
                Enum.Parse<SearchKind>(reader.GetString(0)), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : Enum.Parse<ChannelKind>(reader.GetString(5)), reader.IsDBNull(6) ? "" : reader.GetString(6),
                DateTime.SpecifyKind(DateTime.Parse(reader.GetString(7), System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc)));
        return hits;
    }
}
