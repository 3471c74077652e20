using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Tests.Sla;

namespace Omnichannel.Bench;

/// <param name="StartSeconds">From starting the hub process on the seeded database to its first healthy answer.</param>
/// <param name="Inbound">New-contact webhooks posted meanwhile (routing live): accepted / failed.</param>
public sealed record OpenConversationsResult(int Conversations, double SpreadSeconds, double SeedSeconds, double StartSeconds, int Breaches,
    double LagP50Ms, double LagP99Ms, double LagMaxMs, int Bootstraps, int BootstrapFailures, double BootstrapP50Ms, double BootstrapP99Ms,
    int InboundAccepted, int InboundFailed, double InboundP99Ms, double CpuPercent, int ErrorsLogged);

/// <summary>
/// (c) Open conversations at scale, everything live: N open web chats with running first-response clocks (bulk
/// seeded into a fresh SQLite database before the hub starts, deadlines spread over a window), two operators
/// online (routing hands out what fits and sweeps the rest), widgets bootstrapping (GET /api/widget/bootstrap and
/// /api/widget/state, the widget state over the whole queue) and new contacts writing in — while the SLA engine
/// raises every breach. Measures breach-detection lag (RaisedAt − DueAt), widget bootstrap latency, and counts the
/// errors the hub logs (the bench fails on any).
/// </summary>
public static class OpenConversationsBench
{
    public static async Task<OpenConversationsResult> RunAsync(string repoRoot, BenchServers servers, int count, TimeSpan lead, TimeSpan spread, Action<string> log)
    {
        var errorsBefore = HubLog.Errors.Count;
        var data = HubCluster.NewDataDirectory();
        var db = new BenchDb(postgreSql: false, $"Data Source={Path.Combine(data, "hub.db")}");
        var seeding = Stopwatch.StartNew();
        var policy = new SlaPolicies(new SlaOptions()).For(ChannelKind.WebChat);
        DateTime firstDue;
        await using (var context = db.Context())
        {
            await context.Database.MigrateAsync();
            firstDue = DateTime.UtcNow + lead;
            await SlaLoad.SeedAsync(context, count, firstDue, spread, policy);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        log($"  seeded {count:N0} open web chats in {seedSeconds:0.0} s; deadlines from +{lead.TotalSeconds:0} s over {spread.TotalSeconds:0} s");

        var starting = Stopwatch.StartNew();
        await using var hub = await HubCluster.StartAsync(repoRoot, new Deployment("sqlite", 1), servers, data);
        var startSeconds = starting.Elapsed.TotalSeconds;
        log($"  hub healthy {startSeconds:0.0} s after start");
        var consoles = await HubSetup.ConnectOperatorsAsync(hub.First, db, 2, capacity: 5);

        using var stop = new CancellationTokenSource();
        var before = hub.Sample();
        var wall = Stopwatch.StartNew();
        var bootstraps = new List<double>();
        var bootstrapFailures = 0;
        using var widgetHttp = new HttpClient { BaseAddress = hub.First.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var widgets = Enumerable.Range(0, 4).Select(async w =>
        {
            var mine = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await widgetHttp.GetAsync(w % 2 == 0 ? "/api/widget/bootstrap?path=/products/42&lang=en" : "/api/widget/state?lang=en");
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                        Interlocked.Increment(ref bootstrapFailures);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref bootstrapFailures);
                }
                // A widget loads now and then, not in a tight loop: about 20 page loads a second in all.
                await Task.Delay(200).ConfigureAwait(false);
            }
            lock (bootstraps)
                bootstraps.AddRange(mine);
        }).ToList();
        var inboundLatencies = new List<double>[1];
        using var webhookClient = Webhooks.Client(hub.First.BaseAddress, 4);
        var inbound = Task.Run(async () =>
        {
            var accepted = 0;
            var failed = 0;
            inboundLatencies[0] = [];
            while (!stop.IsCancellationRequested)
            {
                var (a, f) = await InboundBench.RunLoopAsync([webhookClient], 1, 1, 1, TimeSpan.FromSeconds(30), inboundLatencies, () => Webhooks.NewContactPhone(Sequence.NewContact()));
                accepted += a;
                failed += f;
                await Task.Delay(50).ConfigureAwait(false);
            }
            return (accepted, failed);
        });

        var deadline = firstDue + spread + TimeSpan.FromSeconds(60);
        long breaches = 0;
        using (var tick = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            while (breaches < count && DateTime.UtcNow < deadline && await tick.WaitForNextTickAsync())
                breaches = await db.CountAsync("""SELECT COUNT(*) FROM "Breaches" """);
        await stop.CancelAsync();
        await Task.WhenAll(widgets);
        var (inboundAccepted, inboundFailed) = await inbound;
        var after = hub.Sample();
        (int Count, TimeSpan P50, TimeSpan P99, TimeSpan Max) lag;
        await using (var context = db.Context())
            lag = await SlaLoad.LagAsync(context);
        foreach (var console in consoles)
            await console.DisposeAsync();
        var b = Percentiles.Of(bootstraps);
        var i = Percentiles.Of(inboundLatencies[0]);
        var result = new OpenConversationsResult(count, spread.TotalSeconds, seedSeconds, startSeconds, lag.Count, lag.P50.TotalMilliseconds, lag.P99.TotalMilliseconds,
            lag.Max.TotalMilliseconds, b.Count, bootstrapFailures, b.P50, b.P99, inboundAccepted, inboundFailed, i.P99, ProcessSample.CpuPercent(before, after),
            HubLog.Errors.Count - errorsBefore);
        log($"  {lag.Count:N0} breaches; lag p50 {result.LagP50Ms:0} ms, p99 {result.LagP99Ms:0} ms, max {result.LagMaxMs:0} ms; widget bootstrap p50 {b.P50:F1} ms p99 {b.P99:F1} ms " +
            $"({b.Count:N0}, {bootstrapFailures} failed); inbound {inboundAccepted} accepted, {inboundFailed} failed, p99 {i.P99:F1} ms; hub CPU {result.CpuPercent:0} %; {result.ErrorsLogged} errors logged ({wall.Elapsed.TotalSeconds:0} s)");
        return result;
    }
}
