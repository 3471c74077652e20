using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.Bench;

public sealed record InboundBenchResult(string Deployment, int Concurrency, int Contacts, double Seconds, int Accepted, int Failed, double AcceptedPerSecond,
    int Pushed, double PushedPerSecond, long Persisted, double P50, double P95, double P99, double Max, double CpuPercent, double PeakRssMiB,
    double ClientCpuPercent)
{
    /// <summary>The single writer's busy share while measured (<see cref="WriteTurnSample"/>; empty on PostgreSQL).</summary>
    public string WriteTurn { get; init; } = "";
}

/// <summary>
/// Inbound pipeline: signed Twilio WhatsApp webhooks from existing contacts as fast as the hub takes them (closed
/// loop, C in flight). Each 200 means persisted (persist-before-ack); an operator console counts the pushes.
/// </summary>
public static class InboundBench
{
    /// <param name="consoles">
    /// The operators' consoles, owned by the caller: they stay connected after this part, so their conversations are not
    /// requeued (30 s after a disconnect) in the middle of whatever is measured next.
    /// </param>
    public static async Task<InboundBenchResult> RunAsync(HubCluster hub, IReadOnlyList<HubConnection> consoles, int concurrency, int contacts,
        TimeSpan warmUp, TimeSpan duration, Action<string> log)
    {
        var pushes = new PushCounter();
        pushes.Attach(consoles[0]);
        var clients = hub.Nodes.Select(n => Webhooks.Client(n.BaseAddress, concurrency)).ToList();
        try
        {
            // Warm-up: one message from every contact (creates contacts and conversations), then steady traffic
            // before the clock starts (JIT tiers, pools, caches); not measured.
            await RunLoopAsync(clients, concurrency, contacts, contacts, TimeSpan.FromMinutes(2), null);
            await RunLoopAsync(clients, concurrency, contacts, int.MaxValue, warmUp, null);

            var first = Sequence.Reserve(0);
            pushes.Track(first, 1_000_000);
            var latencies = new List<double>[concurrency];
            var turns = await WriteTurnSample.OfAsync(hub.First.BaseAddress);
            var before = hub.Sample();
            var clientBefore = ProcessSample.Of(Environment.ProcessId);
            var start = Stopwatch.GetTimestamp();
            var (accepted, failed) = await RunLoopAsync(clients, concurrency, contacts, int.MaxValue, duration, latencies);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var after = hub.Sample();
            var clientAfter = ProcessSample.Of(Environment.ProcessId);
            var writeTurn = WriteTurnSample.Describe(turns, await WriteTurnSample.OfAsync(hub.First.BaseAddress));
            var pushedCount = await pushes.DrainAsync(accepted, TimeSpan.FromSeconds(10));
            var pushSeconds = Stopwatch.GetElapsedTime(start, Math.Max(pushes.LastPush, start + 1)).TotalSeconds;
            var persisted = await hub.Db.InboundMessagesAsync();
            var p = Percentiles.Of(latencies.Where(l => l is not null).SelectMany(l => l));
            var result = new InboundBenchResult(hub.Deployment.Label, concurrency, contacts, seconds, accepted, failed, accepted / seconds, pushedCount,
                pushedCount / Math.Max(pushSeconds, seconds), persisted, p.P50, p.P95, p.P99, p.Max, ProcessSample.CpuPercent(before, after),
                after.PeakRssBytes / 1024.0 / 1024.0, ProcessSample.CpuPercent(clientBefore, clientAfter)) { WriteTurn = writeTurn };
            log($"  closed loop, existing contacts: {result.AcceptedPerSecond:F0} msg/s accepted, {result.PushedPerSecond:F0} msg/s pushed ({pushedCount}/{accepted}), p50 {p.P50:F1} ms p99 {p.P99:F1} ms, cpu {result.CpuPercent:F0}% (load generator {result.ClientCpuPercent:F0}%), peak {result.PeakRssMiB:F0} MiB, failed {failed}{(writeTurn.Length > 0 ? ", " + writeTurn : "")}");
            return result;
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    /// <summary>Closed loop: C workers, each posting its next webhook as soon as the previous one was answered.</summary>
    public static async Task<(int Accepted, int Failed)> RunLoopAsync(IReadOnlyList<HttpClient> clients, int concurrency, int contacts, int limit, TimeSpan duration,
        List<double>[]? latencies, Func<string>? phone = null)
    {
        var accepted = 0;
        var failed = 0;
        var issued = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies is null ? null : latencies[worker] = new List<double>(4096);
            var http = clients[worker % clients.Count];
            while (stop.Elapsed < duration && Interlocked.Increment(ref issued) <= limit)
            {
                var seq = Sequence.Next();
                using var request = Webhooks.Request(phone?.Invoke() ?? Webhooks.Phone(seq % contacts), seq);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    mine?.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                        Interlocked.Increment(ref accepted);
                    else
                        Interlocked.Increment(ref failed);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        return (accepted, failed);
    }
}
