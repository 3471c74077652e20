namespace Omnichannel.Bench;

public sealed record AcknowledgeRow(string Mode, int Accepted, int Failed, double Seconds, double P50, double P95, double P99, double CpuMsPerMessage)
{
    public double Rate => Accepted / Seconds;
}

/// <summary>
/// What answering a webhook at the commit buys: two SQLite hubs side by side, one acknowledging after the message's
/// event was handled (route + push, the default), one right after the commit; the same closed-loop load (existing
/// contacts, 32 in flight) alternates between them in short rounds so a noisy moment hits both. The rate and CPU
/// per message count until every acknowledged message was also routed and pushed.
/// </summary>
public static class AcknowledgeBench
{
    public static async Task<List<AcknowledgeRow>> RunAsync(string repoRoot, BenchServers servers, int rounds, TimeSpan round, Action<string> log)
    {
        const int Contacts = 500;
        const int Concurrency = 32;
        var modes = new[] { "Handled", "Committed" };
        var hubs = new List<HubCluster>();
        var consoles = new List<Microsoft.AspNetCore.SignalR.Client.HubConnection>();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var mode in modes)
            {
                var hub = await HubCluster.StartAsync(repoRoot, new Deployment("sqlite", 1), servers, settings: new Dictionary<string, string> { ["Events__Acknowledge"] = mode });
                hubs.Add(hub);
                consoles.AddRange(await HubSetup.ConnectOperatorsAsync(hub.First, hub.Db, 1));
                var client = Webhooks.Client(hub.First.BaseAddress, Concurrency);
                clients.Add(client);
                await InboundBench.RunLoopAsync([client], Concurrency, Contacts, Contacts, TimeSpan.FromMinutes(2), null);
                await InboundBench.RunLoopAsync([client], Concurrency, Contacts, int.MaxValue, TimeSpan.FromSeconds(3), null);
            }
            var totals = modes.Select(_ => (Accepted: 0, Failed: 0, Seconds: 0.0, Cpu: 0.0, Latencies: new List<double>())).ToArray();
            for (var r = 0; r < rounds; r++)
                for (var m = 0; m < modes.Length; m++)
                {
                    // Each round starts with the hub caught up, and ends when it has handled what it acknowledged: an
                    // answer at the commit leaves routing and pushes for later, which must count against its rate and CPU.
                    await hubs[m].Db.WaitIdleAsync(TimeSpan.FromMinutes(3));
                    var latencies = new List<double>[Concurrency];
                    var before = hubs[m].Sample();
                    var start = System.Diagnostics.Stopwatch.GetTimestamp();
                    var (accepted, failed) = await InboundBench.RunLoopAsync([clients[m]], Concurrency, Contacts, int.MaxValue, round, latencies);
                    await hubs[m].Db.WaitIdleAsync(TimeSpan.FromMinutes(3));
                    var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
                    var after = hubs[m].Sample();
                    var t = totals[m];
                    t.Latencies.AddRange(latencies.Where(l => l is not null).SelectMany(l => l));
                    totals[m] = (t.Accepted + accepted, t.Failed + failed, t.Seconds + seconds, t.Cpu + after.CpuSeconds - before.CpuSeconds, t.Latencies);
                }
            var rows = new List<AcknowledgeRow>();
            for (var m = 0; m < modes.Length; m++)
            {
                var t = totals[m];
                var p = Percentiles.Of(t.Latencies);
                var row = new AcknowledgeRow(modes[m], t.Accepted, t.Failed, t.Seconds, p.P50, p.P95, p.P99, t.Accepted == 0 ? double.NaN : t.Cpu * 1000 / t.Accepted);
                rows.Add(row);
                log($"  ack after {modes[m],-9}: {row.Rate,6:F0} msg/s, webhook p50 {p.P50,6:F1} ms p95 {p.P95,6:F1} ms p99 {p.P99,6:F1} ms, {row.CpuMsPerMessage:F2} ms CPU/msg, failed {t.Failed}");
            }
            return rows;
        }
        finally
        {
            foreach (var console in consoles)
                await console.DisposeAsync();
            foreach (var client in clients)
                client.Dispose();
            foreach (var hub in hubs)
                await hub.DisposeAsync();
        }
    }
}
