using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;
using Xunit.Abstractions;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// Issue 18, "the same on PostgreSQL": the statements of <see cref="MessagePaths"/>, run by a hub on a throw-away
/// PostgreSQL server with the seeded history ANALYZEd, are explained by PostgreSQL with the same parameters, and none
/// may read a big growing table whole (a Seq Scan where the planner, knowing the table's size, found no index to use;
/// a full index walk no LIMIT stops). Reads by a channel or state alone that the planner expects to be big are written
/// to the test output (advisory: PostgreSQL picks them by cost; the SQLite guard fails them). The planner's settings are left as they are: forcing index scans would hide exactly what this looks for.
/// </summary>
public sealed class NoSeqScanPerMessageOnPostgreSqlTests : IDisposable
{
    /// <summary>A table below this many rows may be read whole: the planner rightly prefers it there.</summary>
    private const int BigTable = 1_000;
    private readonly ITestOutputHelper output;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly MessagingHub hub;
    private readonly SqlCommandRecorder recorder;

    public NoSeqScanPerMessageOnPostgreSqlTests(ITestOutputHelper output)
    {
        this.output = output;
        hub = new MessagingHub { Time = clock, Storage = StorageProvider.PostgreSql, Settings = { ["Events:DeleteWindow"] = "00:00:00" } };
        recorder = new SqlCommandRecorder(TestStorage.DatabaseName(hub.DataDirectory));
    }

    public void Dispose()
    {
        hub.Dispose();
        recorder.Dispose();
    }

    [Fact]
    public async Task NoStatementOfTheMessagePaths_ReadsABigGrowingTableWhole()
    {
        var actions = await new MessagePaths(hub, clock, recorder) { AfterSeed = AnalyzeAsync }.RunAsync();

        var recorded = recorder.Commands;
        string connectionString;
        GrowingTables tables;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            connectionString = db.Database.GetConnectionString()!;
            tables = new GrowingTables(db.Model);
        }
        var big = await PostgresPlans.BigTablesAsync(connectionString, BigTable);
        output.WriteLine($"{recorded.Count} commands; big growing tables: {string.Join(", ", big.Where(tables.Grows).Order())}");
        foreach (var action in actions)
            Assert.True(recorded.Any(c => c.Action == action), $"\"{action}\" ran no SQL: the recording missed it.");
        Assert.Superset(new HashSet<string> { "Contacts", "ContactIdentities", "Conversations", "Messages", "Offers", "Timeline" }, big);

        // The guard sees a whole or coarse read when there is one.
        var probes = await PostgresPlans.FindWholeReadsAsync(connectionString, [
            new RecordedCommand("probe", "SELECT count(*) FROM \"Messages\" AS m WHERE m.\"Text\" = @t", [new("@t", "x", System.Data.DbType.String)]),
            new RecordedCommand("probe", "SELECT c.\"Id\" FROM \"Conversations\" AS c WHERE c.\"Channel\" = @c", [new("@c", "WhatsApp", System.Data.DbType.String)]),
        ], tables, big);
        Assert.Equal(["Conversations", "Messages"], probes.Select(p => p.Table).Order());

        var all = await PostgresPlans.FindWholeReadsAsync(connectionString, recorded, tables, big);
        foreach (var advisory in all.Where(f => f.Advisory))
            output.WriteLine($"advisory (a coarse read chosen by cost):\n{advisory}");
        var findings = all.Where(f => !f.Advisory).ToList();
        Assert.True(findings.Count == 0, $"{findings.Count} plan nodes read a big growing table whole:\n\n{string.Join("\n\n", findings)}");
    }

    /// <summary>What autovacuum does after a bulk load: the planner knows the tables' sizes and distributions.</summary>
    private async Task AnalyzeAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
