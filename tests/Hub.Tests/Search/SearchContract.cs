using System.Net;
using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Search;

/// <summary>
/// What every search engine must do, run against a real hub. Each storage provider gets a subclass with its hub
/// (SQLite below; the PostgreSQL provider adds one with its fixture), so both answer the same data the same way.
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

public sealed class SqliteSearchTests(HubFactory hub) : SearchContract(hub), IClassFixture<HubFactory>;
