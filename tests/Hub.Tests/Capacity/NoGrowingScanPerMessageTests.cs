using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// Issue 18, "no query whose parameter count or scan grows with open conversations": every SQL statement the hub runs
/// on its message paths (<see cref="MessagePaths"/>: web chat, signed webhooks, replies, status callbacks, routing) is
/// explained by SQLite, with the same parameter values, on the database holding a contact center's history, and none may read a growing table whole (a full table
/// or index SCAN) or by a channel or state alone. Found after the fact once: the latest-conversation lookup of every
/// inbound message had become ROW_NUMBER() over every conversation of the channel (fixed in 3a7fe36).
/// </summary>
public sealed class NoGrowingScanPerMessageTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private readonly ITestOutputHelper output;
    private readonly FakeTimeProvider clock = new(Start);
    private readonly MessagingHub hub;

    private readonly SqlCommandRecorder recorder;

    public NoGrowingScanPerMessageTests(ITestOutputHelper output)
    {
        this.output = output;
        hub = new MessagingHub
        {
            Time = clock,
            // The plans asked for are SQLite's (EXPLAIN QUERY PLAN); PostgreSQL's are a separate question.
            Storage = StorageProvider.Sqlite,
            // Each event is deleted once handled, so "no events left" means the message's work is done.
            Settings = { ["Events:DeleteWindow"] = "00:00:00" },
        };
        recorder = new SqlCommandRecorder(hub.DataDirectory);
    }

    public void Dispose()
    {
        hub.Dispose();
        recorder.Dispose();
    }

    [Fact]
    public async Task NoStatementOfTheMessagePaths_ReadsAGrowingTableWhole()
    {
        var actions = await new MessagePaths(hub, clock, recorder).RunAsync();

        var recorded = recorder.Commands;
        string connectionString;
        GrowingTables tables;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            connectionString = db.Database.GetConnectionString()!;
            tables = new GrowingTables(db.Model);
        }
        output.WriteLine($"{recorded.Count} commands, {SqlitePlans.CountStatements(recorded)} distinct statements; growing tables: {string.Join(", ", tables.Growing)}");
        foreach (var action in actions)
            Assert.True(recorded.Any(c => c.Action == action), $"\"{action}\" ran no SQL: the recording missed it.");

        // The guard sees a scan when there is one: a whole-table read, a channel-only lookup and a filtered scan that only
        // a LIMIT would stop, on the same database.
        var probes = await SqlitePlans.FindGrowingReadsAsync(connectionString, [
            new RecordedCommand("probe", "SELECT count(*) FROM \"Messages\" AS \"m\" WHERE \"m\".\"Text\" = @t", [new("@t", "x", System.Data.DbType.String)]),
            new RecordedCommand("probe", "SELECT \"c\".\"Id\" FROM \"Conversations\" AS \"c\" WHERE \"c\".\"Channel\" = @c", [new("@c", "WhatsApp", System.Data.DbType.String)]),
            new RecordedCommand("probe", "SELECT \"m\".\"Id\" FROM \"Messages\" AS \"m\" WHERE \"m\".\"Text\" = @t ORDER BY \"m\".\"Id\" LIMIT 1", [new("@t", "x", System.Data.DbType.String)]),
        ], tables);
        Assert.Equal(["Conversations", "Messages", "Messages"], probes.Select(p => p.Table).Order());

        var findings = await SqlitePlans.FindGrowingReadsAsync(connectionString, recorded, tables);
        Assert.True(findings.Count == 0, $"{findings.Count} plan rows read a growing table whole (or by a channel or state alone):\n\n{string.Join("\n\n", findings)}");
    }
}
