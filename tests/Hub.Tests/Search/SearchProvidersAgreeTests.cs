using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Search;

/// <summary>
/// The same conversations, notes and contacts stored in a hub on SQLite and in a hub on PostgreSQL: every search gives
/// the same hits in the same order, with the same words highlighted, and the same contacts.
/// </summary>
public sealed partial class SearchProvidersAgreeTests(SqliteHubFactory sqlite, PostgreSqlHubFactory postgres)
    : IClassFixture<SqliteHubFactory>, IClassFixture<PostgreSqlHubFactory>
{
    private static readonly (ChannelKind Channel, string Name, string Message, string? Note)[] Corpus =
    [
        (ChannelKind.WebChat, "Anna de Vries", "Waar blijft mijn pakket? De bezorging is al twee dagen te laat.", "Klant belt morgen terug over het pakket"),
        (ChannelKind.WhatsApp, "Zoë Jansen", "Kan ik de jas ruilen voor een grotere maat? Gekocht in het café-winkeltje.", null),
        (ChannelKind.Email, "Tom Baker", "My parcel arrived damaged, I would like a refund or an exchange (order #4711).", "Refund approved by finance, parcel photo attached"),
        (ChannelKind.Sms, "Peter O'Neil", "Where is my parcel? Tracking says delivered but nothing here.", null),
        (ChannelKind.Telegram, "Lotte Smit", "Heeft de tent een waterdichte rits? Ik ga kamperen.", "Vraag doorgezet naar productteam"),
        (ChannelKind.Messenger, "Jan-Willem Bakker", "Please send the invoice to jan.willem@example.com, thanks!", null),
    ];

    private static readonly string[] Queries =
    [
        "pakket", "parcel", "refund parcel", "bezorg", "cafe", "CAFÉ", "jas ruilen", "jan willem", "example", "4711", "exchange order",
        "tent rits", "baker", "zoe", "o'neil", "\"unclosed", "a OR (b AND", "NEAR(x y) * ^ : -", "-parcel", "parcel*", "p",
    ];

    [Fact]
    public async Task Both_providers_answer_every_search_alike()
    {
        var tag = "kw" + Guid.NewGuid().ToString("N")[..8];
        var onSqlite = await SeedAsync(sqlite, tag);
        var onPostgres = await SeedAsync(postgres, tag);

        foreach (var q in Queries)
            foreach (var extra in new[] { "", "&channel=Email", "&limit=2", "&limit=2&offset=2" })
            {
                var text = Uri.EscapeDataString($"{tag} {q}");
                var a = await onSqlite.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={text}{extra}", TestJson.Options);
                var b = await onPostgres.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={text}{extra}", TestJson.Options);
                Assert.Equal(Shape(a!), Shape(b!));
            }
        var all = await onSqlite.Http.GetFromJsonAsync<SearchResults>($"/api/search?q={tag}&limit=50", TestJson.Options);
        Assert.Equal(Corpus.Length + Corpus.Count(c => c.Note is not null), all!.Hits.Count);
    }

    /// <summary>What an operator sees, without the ids each store gave: kind, contact, channel, highlighted words; contacts; "more".</summary>
    private static string Shape(SearchResults r) => string.Join("\n",
        r.Hits.Select(h => $"{h.Kind} {h.ContactName} {h.Channel} [{string.Join(",", Marked(h.Snippet))}]")
            .Append("contacts: " + string.Join(", ", r.Contacts.Select(c => c.ContactName).Order(StringComparer.Ordinal)))
            .Append($"more: {r.More}"));

    private static IEnumerable<string> Marked(string snippet) =>
        MarkedWord().Matches(snippet).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);

    private static async Task<OperatorSession> SeedAsync(HubFactory hub, string tag)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Searcher"));
        foreach (var (channel, name, message, note) in Corpus)
        {
            var id = await Seed.ConversationAsync(hub, channel, op.Operator.Id, name: $"{name} {tag}", firstMessage: $"{tag} {message}");
            if (note is not null)
                (await op.Http.PostAsJsonAsync($"/api/conversations/{id}/notes", new { text = $"{tag} {note}" })).EnsureSuccessStatusCode();
        }
        return op;
    }

    [GeneratedRegex("\u0002([^\u0003]*)\u0003")]
    private static partial Regex MarkedWord();
}
