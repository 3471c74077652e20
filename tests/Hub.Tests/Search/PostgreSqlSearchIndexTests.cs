using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Search;

/// <summary>The PostgreSQL engine's search expressions are the ones the migration indexed (else every search is a scan).</summary>
public sealed class PostgreSqlSearchIndexTests(PostgreSqlHubFactory hub) : IClassFixture<PostgreSqlHubFactory>
{
    [Theory]
    [InlineData("Messages", "x.\"Text\"", "IX_Messages_Search")]
    [InlineData("Notes", "x.\"Text\"", "IX_Notes_Search")]
    [InlineData("Contacts", "contact", "IX_Contacts_Search")]
    public async Task The_engines_match_expression_uses_the_GIN_index(string table, string text, string index)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var document = PostgreSqlSearchText.Document(text == "contact" ? PostgreSqlSearchText.ContactText("x.") : text);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SET enable_seqscan = off;
            EXPLAIN SELECT x."Id" FROM "{table}" x WHERE {document} @@ to_tsquery('{PostgreSqlSearchText.Config}', '''parcel'':*');
            """;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }
}
