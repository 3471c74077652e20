using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Search;

/// <summary>SQLite FTS5 over Messages, Notes and Contacts (external-content tables kept by triggers; see the SearchIndex migration).</summary>
public sealed class SqliteSearchEngine(OmnichannelDb db) : ISearchEngine
{
    private const string Mark = "snippet({0}, {1}, char(2), char(3), '…', 12)";

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var match = SearchTerms.Fts5(SearchTerms.Words(query.Text));
        if (match is null)
            return new SearchResults([], [], false);
        var filters = new List<string>();
        var parameters = new List<SqliteParameter> { new("@q", match), new("@limit", query.Limit + 1), new("@offset", query.Offset) };
        if (query.Channel is { } channel)
        {
            filters.Add("c.Channel = @channel");
            parameters.Add(new("@channel", channel.ToString()));
        }
        if (query.From is { } from)
        {
            filters.Add("x.CreatedAt >= @from");
            parameters.Add(new("@from", from.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (query.To is { } to)
        {
            filters.Add("x.CreatedAt < @to");
            parameters.Add(new("@to", to.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (query.LabelId is { } label)
        {
            filters.Add("EXISTS (SELECT 1 FROM ConversationLabels l WHERE l.ConversationId = c.Id AND l.LabelId = @label)");
            parameters.Add(new("@label", label));
        }
        if (query.OperatorId is { } op)
        {
            filters.Add("(x.OperatorId = @op OR c.AssignedOperatorId = @op)");
            parameters.Add(new("@op", op));
        }
        var where = filters.Count == 0 ? "" : " AND " + string.Join(" AND ", filters);
        // Each index is read newest first (FTS5 walks rowids backwards and stops at the limit); the two lists are merged
        // by time here, and snippets are made only for the page shown.
        var wanted = query.Offset + query.Limit + 1;
        parameters.Add(new("@take", wanted));
        var messages = await ReadAsync(Select("Message", "MessagesFts", "Messages", where), parameters, cancellationToken);
        var notes = await ReadAsync(Select("Note", "NotesFts", "Notes", where), parameters, cancellationToken);
        var merged = messages.Concat(notes).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Skip(query.Offset).Take(query.Limit + 1).ToList();
        var page = merged.Take(query.Limit).ToList();
        var snippets = await SnippetsAsync(page, match, cancellationToken);
        var hits = page.Select(h => h with { Snippet = snippets.GetValueOrDefault((h.Kind, h.Id), "") }).ToList();
        var contacts = query.Offset == 0 && query.Channel is null && query.LabelId is null && query.OperatorId is null && query.From is null && query.To is null
            ? await ReadAsync($"""
                SELECT 'Contact', k.Id, NULL, k.Id, k.DisplayName, NULL, {string.Format(Mark, "ContactsFts", -1)}, k.CreatedAt
                FROM ContactsFts JOIN Contacts k ON k.Id = ContactsFts.rowid
                WHERE ContactsFts MATCH @q AND k.MergedIntoContactId IS NULL ORDER BY rank LIMIT 10
                """, [new("@q", match)], cancellationToken)
            : [];
        return new SearchResults(hits, contacts, merged.Count > query.Limit);
    }

    /// <remarks>CROSS JOIN keeps the full-text index as the outer loop (SQLite never reorders it), whatever the other indexes suggest.</remarks>
    private static string Select(string kind, string fts, string table, string where) => $"""
        SELECT '{kind}', x.Id, x.ConversationId, c.ContactId, k.DisplayName, c.Channel, NULL, x.CreatedAt
        FROM {fts} CROSS JOIN {table} x ON x.Id = {fts}.rowid CROSS JOIN Conversations c ON c.Id = x.ConversationId CROSS JOIN Contacts k ON k.Id = c.ContactId
        WHERE {fts} MATCH @q{where}
        ORDER BY {fts}.rowid DESC LIMIT @take
        """;

    /// <summary>Highlighted snippets for the hits of one page (one indexed lookup per kind).</summary>
    private async Task<Dictionary<(SearchKind, long), string>> SnippetsAsync(List<SearchHit> page, string match, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(SearchKind, long), string>();
        foreach (var (kind, fts) in new[] { (SearchKind.Message, "MessagesFts"), (SearchKind.Note, "NotesFts") })
        {
            var ids = page.Where(h => h.Kind == kind).Select(h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (ids.Count == 0)
                continue;
            var rows = await ReadAsync($"""
                SELECT '{kind}', rowid, NULL, 0, '', NULL, {string.Format(Mark, fts, 0)}, '2000-01-01 00:00:00'
                FROM {fts} WHERE {fts} MATCH @q AND rowid IN ({string.Join(',', ids)})
                """, [new("@q", match)], cancellationToken);
            foreach (var row in rows)
                result[(kind, row.Id)] = row.Snippet;
        }
        return result;
    }

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
