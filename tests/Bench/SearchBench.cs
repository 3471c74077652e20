using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Search;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Teams;

namespace Omnichannel.Bench;

/// <param name="Messages">Messages in the store (spread over Conversations conversations on every channel).</param>
/// <param name="P50Ms">Latency of one search through ISearchEngine (FTS5), median.</param>
/// <param name="BaselineP95Ms">The same searches as a LIKE '%word%' scan of the messages (what search costs without the index).</param>
public sealed record SearchBenchResult(int Messages, int Conversations, int Queries, double P50Ms, double P95Ms, double P99Ms, double BaselineP50Ms, double BaselineP95Ms, double SeedSeconds);

/// <summary>
/// Search over a large store: seeds messages straight into SQLite (the FTS5 triggers index them as they go), then runs
/// word and two-word searches (with and without a channel filter, a quarter of them as an operator who may see one channel
/// only) through the hub's ISearchEngine, in this process, and
/// the same words as a LIKE scan for the baseline. The hub runs in this process (WebApplicationFactory, SQLite in a temp folder).
/// </summary>
public static class SearchBench
{
    private static readonly string[] Vocabulary =
    [
        "jacket", "parcel", "refund", "delivery", "tent", "boots", "size", "return", "invoice", "order", "colour", "zipper", "warranty",
        "address", "courier", "discount", "voucher", "backpack", "waterproof", "exchange", "receipt", "tracking", "damaged", "missing",
    ];

    public static async Task<SearchBenchResult> RunAsync(string repoRoot, int messages, int queries, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "omnichannel-bench-search-" + Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<OmnichannelDb>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseContentRoot(Path.Combine(repoRoot, "src", "Hub"));
            b.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(folder, "hub.db")}");
            b.UseSetting("Storage:KeysDirectory", Path.Combine(folder, "keys"));
            b.UseSetting("Demo:Enabled", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureLogging(l => l.AddProvider(new HubLogProvider()));
        });
        var services = factory.Services;
        var conversations = Math.Max(1, messages / 20);
        var seeding = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            await SeedAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), messages, conversations);
        log($"  seeded {messages:N0} messages in {conversations:N0} conversations in {seeding.Elapsed.TotalSeconds:0.0} s (indexed by the FTS5 triggers)");

        var random = new Random(13);
        // Every fourth search is made by an operator whose one team serves SMS only: the visibility rule joins the query.
        var smsTeam = ConversationScope.For(1, admin: false, supervisor: false, [new TeamServing(1, ["Sms"], [1])]);
        var searches = Enumerable.Range(0, queries).Select(i => (i % 3 == 0
            ? new SearchQuery($"{Pick(random)} {Pick(random)[..4]}")
            : i % 3 == 1 ? new SearchQuery(Pick(random), Channel: (Omnichannel.Adapters.Abstractions.ChannelKind)(i % 6)) : new SearchQuery(Pick(random)))
            with { Scope = i % 4 == 3 ? smsTeam : null }).ToList();
        await using (var warm = services.CreateAsyncScope())
            foreach (var q in searches.Take(20))
                await warm.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(q, CancellationToken.None);

        var fts = new List<double>();
        var like = new List<double>();
        foreach (var q in searches)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var engine = scope.ServiceProvider.GetRequiredService<ISearchEngine>();
            var watch = Stopwatch.StartNew();
            await engine.SearchAsync(q, CancellationToken.None);
            fts.Add(watch.Elapsed.TotalMilliseconds);
            var word = SearchTerms.Words(q.Text)[0];
            watch.Restart();
            await db.Messages.AsNoTracking().Where(m => EF.Functions.Like(m.Text, $"%{word}%")).OrderByDescending(m => m.CreatedAt).Take(20).ToListAsync();
            like.Add(watch.Elapsed.TotalMilliseconds);
        }
        // The hub stops before its store goes: a poll between the delete and the stop opened an empty database (logged errors).
        await factory.DisposeAsync();
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        var f = Percentiles.Of(fts);
        var l = Percentiles.Of(like);
        return new SearchBenchResult(messages, conversations, queries, f.P50, f.P95, f.P99, l.P50, l.P95, seeding.Elapsed.TotalSeconds);
    }

    private static string Pick(Random random) => Vocabulary[random.Next(Vocabulary.Length)];

    /// <summary>Contacts, conversations and messages in one transaction with prepared inserts (six words from the vocabulary per message).</summary>
    private static async Task SeedAsync(OmnichannelDb db, int messages, int conversations)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        var random = new Random(7);
        var channels = new[] { "WebChat", "WhatsApp", "Sms", "Messenger", "Telegram", "Email" };
        await using (var contact = Command(connection, tx, "INSERT INTO Contacts (Id, DisplayName, CreatedAt) VALUES ($id, $name, $at)"))
        await using (var conversation = Command(connection, tx, """
            INSERT INTO Conversations (Id, ContactId, Channel, ContactHandle, State, CreatedAt, LastMessageAt, RequiredSkills)
            VALUES ($id, $id, $channel, $handle, 'Closed', $at, $at, '')
            """))
            for (var i = 1; i <= conversations; i++)
            {
                Bind(contact, ("$id", i), ("$name", $"Customer {i}"), ("$at", now));
                await contact.ExecuteNonQueryAsync();
                Bind(conversation, ("$id", i), ("$channel", channels[i % channels.Length]), ("$handle", $"bench-{i}"), ("$at", now));
                await conversation.ExecuteNonQueryAsync();
            }
        await using (var message = Command(connection, tx, """
            INSERT INTO Messages (ConversationId, Channel, Direction, Text, Status, CreatedAt, IsAutomated, Attachments, QuickReplies)
            VALUES ($conversation, $channel, $direction, $text, 'Delivered', $at, 0, '[]', '')
            """))
            for (var i = 0; i < messages; i++)
            {
                var c = 1 + (i % conversations);
                var text = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Pick(random))) + $" number {i}";
                Bind(message, ("$conversation", c), ("$channel", channels[c % channels.Length]), ("$direction", i % 2 == 0 ? "Inbound" : "Outbound"),
                    ("$text", text), ("$at", now.AddSeconds(-messages + i)));
                await message.ExecuteNonQueryAsync();
            }
        await tx.CommitAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
            command.Parameters.AddWithValue(name, value is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) : value);
    }
}
