using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Bench;

/// <param name="BaselineMs">p50 of a full COUNT(*) over the messages in the same store: the ratio is what travels between machines.</param>
public sealed record ReportTiming(string Report, double P50Ms, double P95Ms, double BaselineMs);

public sealed record ReportsBenchResult(int Conversations, int Messages, double SeedSeconds, List<ReportTiming> Reports);

/// <summary>
/// Every report over a year of history (100,000 conversations, 1,000,000 messages, first-response measurements,
/// breaches, CSAT) in SQLite, through the hub's own <see cref="ReportQueries"/> in this process; 20 runs each, p50/p95.
/// </summary>
public static class ReportsBench
{
    public static async Task<ReportsBenchResult> RunAsync(string repoRoot, int conversations, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "omnichannel-bench-reports-" + Guid.NewGuid().ToString("N"));
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
        var start = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var seeding = Stopwatch.StartNew();
        var messages = await SeedAsync(services, start, conversations);
        log($"  seeded {conversations:N0} conversations and {messages:N0} messages in {seeding.Elapsed.TotalSeconds:0} s");
        var filter = new ReportFilter(start, start.AddDays(365), null, null);
        var oneChannel = filter with { Channel = ChannelKind.WebChat };
        var runs = new (string Name, Func<IServiceProvider, Task> Run)[]
        {
            ("volume", s => s.GetRequiredService<ReportQueries>().VolumeAsync(filter, default)),
            ("response-times", s => s.GetRequiredService<ReportQueries>().ResponseTimesAsync(filter, default)),
            ("resolution-times", s => s.GetRequiredService<ReportQueries>().ResolutionTimesAsync(filter, default)),
            ("attainment", s => s.GetRequiredService<ReportQueries>().AttainmentAsync(filter, default)),
            ("breaches", s => s.GetRequiredService<ReportQueries>().BreachesAsync(filter, default)),
            ("turned-away", s => s.GetRequiredService<ReportQueries>().TurnedAwayAsync(filter, default)),
            ("operators", s => s.GetRequiredService<OperatorQueries>().OperatorsAsync(filter, default)),
            ("engagement", s => s.GetRequiredService<EngagementQueries>().EngagementAsync(filter, default)),
            ("topics", s => s.GetRequiredService<TopicQueries>().TopicsAsync(filter, default)),
            ("volume/webchat", s => s.GetRequiredService<ReportQueries>().VolumeAsync(oneChannel, default)),
            ("operators/webchat", s => s.GetRequiredService<OperatorQueries>().OperatorsAsync(oneChannel, default)),
        };
        var baseline = await TimeAsync(services, 20, s => s.GetRequiredService<OmnichannelDb>().Messages.CountAsync());
        var result = new List<ReportTiming>();
        foreach (var (name, run) in runs)
        {
            var times = await TimeAsync(services, 20, run);
            result.Add(new ReportTiming(name, Percentile(times, 0.5), Percentile(times, 0.95), Percentile(baseline, 0.5)));
            log($"  {name,-18} p50 {Percentile(times, 0.5),7:0} ms  p95 {Percentile(times, 0.95),7:0} ms  ({Percentile(times, 0.95) / Percentile(baseline, 0.5):0.0}× a COUNT(*) of the messages, {Percentile(baseline, 0.5):0} ms)");
        }
        if (Environment.GetEnvironmentVariable("OMNICHANNEL_BENCH_KEEP") is { Length: > 0 })
        {
            log($"  kept the store: {folder}");
            return new ReportsBenchResult(conversations, messages, seeding.Elapsed.TotalSeconds, result);
        }
        // The hub stops before its store goes: a poll between the delete and the stop opened an empty database (logged errors).
        await factory.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return new ReportsBenchResult(conversations, messages, seeding.Elapsed.TotalSeconds, result);
    }

    private static async Task<List<double>> TimeAsync(IServiceProvider services, int runs, Func<IServiceProvider, Task> work)
    {
        var times = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await work(scope.ServiceProvider);
            if (i > 0)
                times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static readonly string[] Texts = ["Where is my order?", "Waar is mijn bestelling?", "Can I return my shoes", "Hoe kan ik retourneren", "Do you ship to Belgium", "My discount code does not work"];

    private static async Task<int> SeedAsync(IServiceProvider services, DateTime start, int count)
    {
        var random = new Random(1);
        var contacts = new List<long>();
        var operators = new List<long>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var staff = Enumerable.Range(0, 10).Select(i => new Operator { Email = $"op{i}@bench.test", DisplayName = $"Operator {i}", CreatedAt = start }).ToList();
            db.AddRange(staff);
            await db.SaveChangesAsync();
            operators.AddRange(staff.Select(o => o.Id));
            // Each operator online eight hours a day, every day of the year.
            db.AddRange(operators.SelectMany(o => Enumerable.Range(0, 365).Select(d => new PresenceSpell { OperatorId = o, StartedAt = start.AddDays(d).AddHours(8), EndedAt = start.AddDays(d).AddHours(16) })));
            await db.SaveChangesAsync();
            var list = Enumerable.Range(0, count / 5).Select(i => new Contact { DisplayName = $"Bench {i}", CreatedAt = start }).ToList();
            db.AddRange(list);
            await db.SaveChangesAsync();
            contacts.AddRange(list.Select(c => c.Id));
        }
        const int batch = 10_000;
        for (var done = 0; done < count; done += batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var chunk = new List<Conversation>();
            for (var i = 0; i < batch && done + i < count; i++)
            {
                var created = start.AddSeconds(Math.Floor(random.NextDouble() * 365 * 86400));
                var closed = created.AddSeconds(60 + random.Next(3600));
                chunk.Add(new Conversation
                {
                    ContactId = contacts[random.Next(contacts.Count)], Channel = (ChannelKind)random.Next(6), ContactHandle = $"b{done + i}",
                    State = ConversationState.Closed, CreatedAt = created, LastMessageAt = created, ClosedAt = closed,
                    ResolutionSeconds = ConversationRules.ResolutionSeconds(created, closed), AssignedOperatorId = operators[random.Next(operators.Count)],
                });
            }
            db.AddRange(chunk);
            await db.SaveChangesAsync();
            foreach (var c in chunk)
            {
                var response = Math.Round(random.NextDouble() * 60, 1);
                db.Add(new Offer { ConversationId = c.Id, OperatorId = c.AssignedOperatorId!.Value, OfferedAt = c.CreatedAt, ExpiresAt = c.CreatedAt.AddSeconds(30), State = OfferState.Accepted, AnsweredAt = c.CreatedAt.AddSeconds(response) });
                db.Add(new SlaMeasurement
                {
                    ConversationId = c.Id, Channel = c.Channel, Kind = SlaKind.FirstResponse, StartedAt = c.CreatedAt, DueAt = c.CreatedAt.AddSeconds(30),
                    RespondedAt = c.CreatedAt.AddSeconds(response), ResponseSeconds = response, CountedSeconds = response, Met = response <= 30, OperatorId = c.AssignedOperatorId,
                });
                if (response > 30)
                    db.Add(new Breach { ConversationId = c.Id, Channel = c.Channel, Kind = SlaKind.FirstResponse, TargetSeconds = 30, StartedAt = c.CreatedAt, DueAt = c.CreatedAt.AddSeconds(30), RaisedAt = c.CreatedAt.AddSeconds(30) });
            }
            await db.SaveChangesAsync();
            await InsertMessagesAsync(db, chunk, random);
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            await BusySpells.RebuildAsync(db, default);
            await HandleTimes.RebuildAsync(db, default);
        }
        return count * 10;
    }

    /// <summary>Ten messages per conversation, written with one prepared statement per batch (EF would take minutes for a million).</summary>
    private static async Task InsertMessagesAsync(OmnichannelDb db, List<Conversation> chunk, Random random)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "Messages" ("Attachments", "Channel", "ConversationId", "CreatedAt", "Direction", "IsAutomated", "QuickReplies", "Status", "Text")
            VALUES ('[]', $channel, $conversation, $created, $direction, 0, '[]', 'Delivered', $text)
            """;
        var channel = insert.CreateParameter();
        channel.ParameterName = "$channel";
        var conversation = insert.CreateParameter();
        conversation.ParameterName = "$conversation";
        var created = insert.CreateParameter();
        created.ParameterName = "$created";
        var direction = insert.CreateParameter();
        direction.ParameterName = "$direction";
        var text = insert.CreateParameter();
        text.ParameterName = "$text";
        insert.Parameters.AddRange(new[] { channel, conversation, created, direction, text });
        foreach (var c in chunk)
            for (var m = 0; m < 10; m++)
            {
                channel.Value = c.Channel.ToString();
                conversation.Value = c.Id;
                created.Value = c.CreatedAt.AddSeconds(m * 20).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
                direction.Value = m % 2 == 0 ? "Inbound" : "Outbound";
                text.Value = m == 0 ? Texts[random.Next(Texts.Length)] : "ok";
                await insert.ExecuteNonQueryAsync();
            }
        await transaction.CommitAsync();
    }
}
