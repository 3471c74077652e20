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
        var sql = $"""
            SELECT * FROM (
              SELECT 'Message' AS Kind, x.Id, x.ConversationId, c.ContactId, k.DisplayName, c.Channel, {string.Format(Mark, "MessagesFts", 0)} AS Snippet, x.CreatedAt
              FROM MessagesFts JOIN Messages x ON x.Id = MessagesFts.rowid JOIN Conversations c ON c.Id = x.ConversationId JOIN Contacts k ON k.Id = c.ContactId
              WHERE MessagesFts MATCH @q{where}
              UNION ALL
              SELECT 'Note', x.Id, x.ConversationId, c.ContactId, k.DisplayName, c.Channel, {string.Format(Mark, "NotesFts", 0)}, x.CreatedAt
              FROM NotesFts JOIN Notes x ON x.Id = NotesFts.rowid JOIN Conversations c ON c.Id = x.ConversationId JOIN Contacts k ON k.Id = c.ContactId
              WHERE NotesFts MATCH @q{where})
            ORDER BY CreatedAt DESC, Id DESC LIMIT @limit OFFSET @offset
            """;
        var hits = await ReadAsync(sql, parameters, cancellationToken);
        var contacts = query.Offset == 0 && query.Channel is null && query.LabelId is null && query.OperatorId is null && query.From is null && query.To is null
            ? await ReadAsync($"""
                SELECT 'Contact', k.Id, NULL, k.Id, k.DisplayName, NULL, {string.Format(Mark, "ContactsFts", -1)}, k.CreatedAt
                FROM ContactsFts JOIN Contacts k ON k.Id = ContactsFts.rowid
                WHERE ContactsFts MATCH @q AND k.MergedIntoContactId IS NULL ORDER BY rank LIMIT 10
                """, [new("@q", match)], cancellationToken)
            : [];
        return new SearchResults([.. hits.Take(query.Limit)], contacts, hits.Count > query.Limit);
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
