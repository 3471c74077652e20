using System.Text.RegularExpressions;

namespace Omnichannel.Bench;

/// <param name="Kind">"existing" contact (its conversation is assigned) or "new" contact (opens, routes and assigns a conversation).</param>
/// <param name="Commands">SQL commands per message by their first keyword (SELECT, INSERT, UPDATE, DELETE, …).</param>
/// <param name="Savepoints">Savepoints created per message.</param>
/// <param name="Transactions">Transactions begun per message.</param>
/// <param name="CpuMsPerMessage">Hub CPU per message, one message at a time (no group commit to share the cost).</param>
public sealed record CostRow(string Kind, int Messages, Dictionary<string, double> Commands, double Savepoints, double Transactions, double CpuMsPerMessage)
{
    public double TotalCommands => Commands.Values.Sum();
}

/// <summary>
/// What one inbound message costs the hub, counted rather than timed: a hub with EF Core's command and transaction
/// logging on; webhooks are posted one at a time (nothing shared with other messages) and every SQL command,
/// transaction and savepoint it logs is counted per message, less what the hub runs on its own meanwhile (sweeps:
/// measured over a quiet window first, taken off pro rata). The profile that shows repeated lookups and savepoints.
/// </summary>
public static partial class CostBench
{
    public static async Task<List<CostRow>> RunAsync(string repoRoot, BenchServers servers, int messages, Action<string> log)
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Transaction"] = "Debug",
        };
        await using var hub = await HubCluster.StartAsync(repoRoot, new Deployment("sqlite", 1), servers, settings: settings);
        var counts = new Dictionary<string, int>();
        var expectSql = false;
        hub.First.Line += line =>
        {
            lock (counts)
            {
                var text = line.Trim();
                if (expectSql)
                {
                    if (text.StartsWith("Executed DbCommand", StringComparison.Ordinal))
                        return;
                    expectSql = false;
                    var keyword = FirstWord().Match(text).Value.ToUpperInvariant();
                    counts[keyword] = counts.GetValueOrDefault(keyword) + 1;
                }
                else if (text.StartsWith("Executed DbCommand", StringComparison.Ordinal))
                    expectSql = true;
                else if (text.StartsWith("Creating transaction savepoint", StringComparison.Ordinal))
                    counts["(savepoint)"] = counts.GetValueOrDefault("(savepoint)") + 1;
                else if (text.StartsWith("Beginning transaction", StringComparison.Ordinal) || text.StartsWith("Began transaction", StringComparison.Ordinal))
                    counts["(transaction)"] = counts.GetValueOrDefault("(transaction)") + 1;
            }
        };
        var consoles = await HubSetup.ConnectOperatorsAsync(hub.First, hub.Db, 2);
        using var http = Webhooks.Client(hub.First.BaseAddress, 1);
        var rows = new List<CostRow>();
        try
        {
            // The existing contacts' first messages, and a warm-up of both kinds (caches, compiled queries).
            await InboundBench.RunLoopAsync([http], 1, 50, 50, TimeSpan.FromMinutes(1), null);
            await InboundBench.RunLoopAsync([http], 1, 50, 50, TimeSpan.FromMinutes(1), null, () => Webhooks.NewContactPhone(Sequence.NewContact()));
            // What the hub asks the database on its own (SLA, routing and outbox sweeps, gauges) while no message
            // arrives: measured over a quiet window and taken off the message windows, pro rata.
            await hub.Db.WaitIdleAsync(TimeSpan.FromSeconds(60));
            Dictionary<string, int> quietStart;
            lock (counts)
                quietStart = new Dictionary<string, int>(counts);
            var quiet = System.Diagnostics.Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var quietSeconds = quiet.Elapsed.TotalSeconds;
            Dictionary<string, double> background;
            lock (counts)
                background = counts.ToDictionary(c => c.Key, c => (c.Value - quietStart.GetValueOrDefault(c.Key)) / quietSeconds);
            foreach (var kind in new[] { "existing", "new" })
            {
                await hub.Db.WaitIdleAsync(TimeSpan.FromSeconds(60)); // the previous messages' deletes and pushes are done
                Dictionary<string, int> before;
                lock (counts)
                    before = new Dictionary<string, int>(counts);
                var cpu = hub.Sample();
                var window = System.Diagnostics.Stopwatch.StartNew();
                var (accepted, _) = await InboundBench.RunLoopAsync([http], 1, 50, messages, TimeSpan.FromMinutes(2), null,
                    kind == "new" ? () => Webhooks.NewContactPhone(Sequence.NewContact()) : null);
                await hub.Db.WaitIdleAsync(TimeSpan.FromSeconds(60));
                var seconds = window.Elapsed.TotalSeconds;
                var after = hub.Sample();
                double Of(string key)
                {
                    lock (counts)
                        return Math.Max(0, counts.GetValueOrDefault(key) - before.GetValueOrDefault(key) - background.GetValueOrDefault(key) * seconds) / Math.Max(1, accepted);
                }
                Dictionary<string, double> per;
                lock (counts)
                    per = counts.Keys.Where(k => !k.StartsWith('(')).ToList().ToDictionary(k => k, k => 0.0);
                foreach (var key in per.Keys.ToList())
                    per[key] = Of(key);
                var row = new CostRow(kind, accepted, per, Of("(savepoint)"), Of("(transaction)"), (after.CpuSeconds - cpu.CpuSeconds) * 1000 / Math.Max(1, accepted));
                rows.Add(row);
                log($"  {kind,-8} contact: {row.TotalCommands:F1} SQL commands per message ({string.Join(", ", per.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:F1}"))}), " +
                    $"{row.Transactions:F1} transactions, {row.Savepoints:F1} savepoints, {row.CpuMsPerMessage:F2} ms CPU (logging included)");
            }
        }
        finally
        {
            foreach (var console in consoles)
                await console.DisposeAsync();
        }
        return rows;
    }

    [GeneratedRegex(@"^\w+")]
    private static partial Regex FirstWord();
}
