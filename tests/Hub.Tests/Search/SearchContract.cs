using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Search;

/// <summary>
/// What every search engine must do, run against a real hub. Each storage provider gets a subclass with its hub
/// (SQLite FTS5 and PostgreSQL full text below, whatever OMNICHANNEL_TEST_STORAGE says), so both answer the same data
/// the same way; <see cref="SearchProvidersAgreeTests"/> compares their answers directly.
/// </summary>
public abstract class SearchContract(HubFactory hub)
{
    [Fact]
    public async Task Search_finds_messages_and_notes_with_highlighted_snippets_and_contacts_by_name()
    {
        var (op, word, sms, mail) = await SeedAsync();

        var result = await SearchAsync(op, $"{word} parcel");

        Assert.Equal([(SearchKind.Note, mail), (SearchKind.Message, sms)], result.Hits.Select(h => (h.Kind, h.ConversationId!.Value)).ToList());
        Assert.Contains($"{SearchMarks.Start}{word}{SearchMarks.End}", result.Hits[1].Snippet, StringComparison.Ordinal);
        var contact = Assert.Single((await SearchAsync(op, $"Zed{word}")).Contacts);
        Assert.Equal($"Zed{word} Customer", contact.ContactName);
    }

    [Fact]
    public async Task Filters_by_channel_date_and_operator_and_pages_without_repeats()
    {
        var (op, word, sms, _) = await SeedAsync();

        Assert.Equal([sms], (await SearchAsync(op, word, "&channel=Sms")).Hits.Select(h => h.ConversationId!.Value).ToList());
        Assert.Empty((await SearchAsync(op, word, $"&from={DateTime.UtcNow.AddDays(1):O}")).Hits);
        Assert.Empty((await SearchAsync(op, word, "&operator=987654")).Hits);
        var first = await SearchAsync(op, word, "&limit=1");
        var second = await SearchAsync(op, word, "&limit=1&offset=1");
        Assert.True(first.More);
        Assert.NotEqual(first.Hits[0].Id, second.Hits[0].Id);
    }

    [Fact]
    public async Task Dutch_and_English_words_are_found_by_prefix_without_accents_and_inside_addresses()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Searcher"));
        var word = "kw" + Guid.NewGuid().ToString("N")[..10];
        var dutch = await Seed.ConversationAsync(hub, ChannelKind.WhatsApp, op.Operator.Id, name: $"Zoë {word}",
            firstMessage: $"Is mijn {word} pakket al verzonden? Ik wacht op de bezorging naar het café.");
        var mail = await Seed.ConversationAsync(hub, ChannelKind.Email, op.Operator.Id, firstMessage: $"Please write to {word}.orders@example.com about the refund");

        Assert.Equal([dutch], (await SearchAsync(op, $"{word} bezorg")).Hits.Select(h => h.ConversationId!.Value).ToList());
        var accentless = Assert.Single((await SearchAsync(op, $"{word} cafe")).Hits);
        Assert.Equal(dutch, accentless.ConversationId);
        Assert.Contains($"{SearchMarks.Start}café{SearchMarks.End}", accentless.Snippet, StringComparison.Ordinal);
        Assert.Equal([mail], (await SearchAsync(op, $"{word} orders")).Hits.Select(h => h.ConversationId!.Value).ToList());
        Assert.Equal($"Zoë {word}", Assert.Single((await SearchAsync(op, $"zoe {word}")).Contacts).ContactName);
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("a OR (b AND")]
    [InlineData("NEAR(x y) * ^ : -")]
    [InlineData("col:value {x}")]
    [InlineData("'; DROP TABLE Messages; --")]
    [InlineData("")]
    public async Task Query_syntax_characters_never_cause_an_error(string q)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Searcher"));
        var response = await op.Http.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.Http.GetAsync($"/api/search?q={new string('x', 201)}")).StatusCode);
    }

    private async Task<(OperatorSession Op, string Word, long Sms, long Mail)> SeedAsync()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Searcher"));
        var word = "kw" + Guid.NewGuid().ToString("N")[..10];
        var sms = await Seed.ConversationAsync(hub, ChannelKind.Sms, op.Operator.Id, $"+3162{Random.Shared.Next(1000000, 9999999)}", $"Zed{word} Customer");
        var mail = await Seed.ConversationAsync(hub, ChannelKind.Email, op.Operator.Id, $"{word}@example.com");
        await op.ReplyAsync(sms, $"Your {word} parcel left the warehouse today.");
        (await op.Http.PostAsJsonAsync($"/api/conversations/{mail}/notes", new { text = $"Customer asks about the {word} parcels again" })).EnsureSuccessStatusCode();
        await op.ReplyAsync(mail, $"Nothing about {word} here");
        return (op, word, sms, mail);
    }

    private static async Task<SearchResults> SearchAsync(OperatorSession op, string q, string extra = "") =>
        (await op.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={Uri.EscapeDataString(q)}{extra}", TestJson.Options))!;
}

public sealed class SqliteSearchTests(SqliteHubFactory hub) : SearchContract(hub), IClassFixture<SqliteHubFactory>;

public sealed class PostgreSqlSearchTests(PostgreSqlHubFactory hub) : SearchContract(hub), IClassFixture<PostgreSqlHubFactory>;
