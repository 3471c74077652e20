using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.Bench;

public sealed record LatencyStep(string Target, int OfferedRate, double SentRate, double DeliveredRate, int Sent, int Delivered, int Errors,
    double P50, double P95, double P99, double Max, double CpuPercent, bool Sustained);

/// <summary>
/// Web chat: N visitors send at a fixed offered rate (open loop: the schedule does not wait for acks), M operators
/// listen; latency = visitor send → operator 0 receives the push. The same clients against the hub and the relay.
/// </summary>
/// <remarks>With several hub nodes the visitors are spread over them and the operators sit on the last one, so pushes cross the Redis backplane.</remarks>
public sealed class LatencyBench(IReadOnlyList<ServerProcess> nodes, string target, BenchDb? db, int visitors, int operators, Action<string> log) : IAsyncDisposable
{
    /// <summary>p99 above this (or fewer than 99 % delivered) means the rate is not sustained.</summary>
    public const double SustainedP99Ms = 50;

    private readonly List<HubConnection> visitorConnections = [];
    private readonly List<HubConnection> operatorConnections = [];
    private readonly bool isHub = db is not null;
    private readonly ServerProcess server = nodes[^1];
    private readonly HttpClient http = new() { BaseAddress = nodes[0].BaseAddress };
    private long[] sentAt = [];
    private double[] latencies = [];
    private long stepBase;
    private int delivered;
    private int errors;
    private long nextSeq;
    private static readonly string Padding = new('x', 100);

    public string Target => target;

    /// <param name="steady">Steady traffic (500 msg/s) at the end of the warm-up.</param>
    public async Task SetupAsync(TimeSpan steady)
    {
        if (isHub)
            operatorConnections.AddRange(await HubSetup.ConnectOperatorsAsync(server, db!, operators));
        else
        {
            for (var i = 0; i < operators; i++)
            {
                var op = HubSetup.Connection(server.BaseAddress, "/hubs/relay", null);
                await op.StartAsync();
                await op.InvokeAsync("JoinOperators");
                operatorConnections.Add(op);
            }
        }
        operatorConnections[0].On<JsonElement>("MessageAdded", OnMessage);

        var tokens = isHub ? await Task.WhenAll(Enumerable.Range(0, visitors).Select(_ => HubSetup.VisitorTokenAsync(http))) : new string?[visitors];
        foreach (var (token, i) in tokens.Select((t, i) => (t, i)))
        {
            var visitor = HubSetup.Connection(nodes[i % nodes.Count].BaseAddress, isHub ? "/hubs/visitor" : "/hubs/relay", token);
            await visitor.StartAsync();
            visitorConnections.Add(visitor);
        }
        // Every visitor says hello first: on the hub this starts (and assigns) their chat.
        await RunAsync(Math.Min(visitors * 4, 400), visitors, record: false);
        // Warm-up (JIT tiers, pools, caches) before anything is recorded: the same for hub and relay. The runtime moves hot
        // methods to optimised code only after new code has stopped appearing for a moment (its tiering delay), which on
        // the hub takes tens of seconds of steady traffic: with 3 s of warm-up the first steps measured a hub still
        // compiling itself (a compiler thread busy for 20 s into the 100 msg/s step), not the one that runs for days.
        await RunAsync(500, 1000, record: false);
        await RunAsync(1000, 2000, record: false);
        await RunAsync(500, (int)(500 * steady.TotalSeconds), record: false);
        await Task.Delay(1000);
    }

    private void OnMessage(JsonElement message)
    {
        var now = Stopwatch.GetTimestamp();
        var text = message.GetProperty("text").GetString();
        if (text is null)
            return;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return;
        var index = seq - Volatile.Read(ref stepBase);
        if (index < 0 || index >= latencies.Length)
            return;
        latencies[index] = Stopwatch.GetElapsedTime(sentAt[index], now).TotalMilliseconds;
        Interlocked.Increment(ref delivered);
    }

    public async Task<LatencyStep> MeasureAsync(int rate, TimeSpan duration)
    {
        // Every step starts with the hub caught up (nothing left to route or push from the warm-up or the step before).
        if (db is not null && !await db.WaitIdleAsync(TimeSpan.FromSeconds(90)))
            log($"  {Target}: still handling earlier messages after 90 s; measuring anyway");
        return await RunAsync(rate, (int)(rate * duration.TotalSeconds), record: true);
    }

    private async Task<LatencyStep> RunAsync(int rate, int total, bool record)
    {
        sentAt = new long[total];
        latencies = new double[total];
        Array.Fill(latencies, double.NaN);
        delivered = 0;
        errors = 0;
        Volatile.Write(ref stepBase, nextSeq);
        var baseSeq = nextSeq;
        nextSeq += total;
        var acks = new List<Task>(total);
        var cpuBefore = Sample();
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                var visitor = visitorConnections[sent % visitorConnections.Count];
                var seq = baseSeq + sent;
                var text = string.Concat(seq.ToString(CultureInfo.InvariantCulture), " ", Padding);
                sentAt[sent] = Stopwatch.GetTimestamp();
                Task ack = isHub
                    ? visitor.InvokeAsync<JsonElement>("Send", new { clientMessageId = $"m{seq:D10}", text })
                    : visitor.InvokeAsync<long>("Send", new RelayMessage(seq, text));
                acks.Add(ack.ContinueWith(t => { if (!t.IsCompletedSuccessfully) Interlocked.Increment(ref errors); }, TaskScheduler.Default));
            }
            if (sent < total)
                await Task.Delay(1);
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var drain = Stopwatch.StartNew();
        while (Volatile.Read(ref delivered) + Volatile.Read(ref errors) < total && drain.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(5);
        var deliverSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuAfter = Sample();
        await Task.WhenAny(Task.WhenAll(acks), Task.Delay(TimeSpan.FromSeconds(10)));
        if (!record && errors > 0)
            throw new InvalidOperationException($"{errors} of {total} warm-up sends to the {Target} failed.\n{server.Output()}");
        var p = Percentiles.Of(latencies);
        var ok = delivered >= total * 0.99 && p.P99 < SustainedP99Ms && errors == 0;
        var step = new LatencyStep(Target, rate, total / sendSeconds, delivered / deliverSeconds, total, delivered, errors,
            p.P50, p.P95, p.P99, p.Max, ProcessSample.CpuPercent(cpuBefore, cpuAfter), ok);
        if (record)
            log($"  {Target,-5} {rate,6}/s  sent {step.SentRate,8:F0}/s  delivered {delivered}/{total}  p50 {p.P50,7:F2} ms  p95 {p.P95,7:F2} ms  p99 {p.P99,7:F2} ms  cpu {step.CpuPercent,4:F0}%{(ok ? "" : "  (not sustained)")}");
        return step;
    }

    private ProcessSample Sample() => ProcessSample.Sum(nodes.Select(n => n.Sample()));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(visitorConnections.Concat(operatorConnections).Select(c => c.DisposeAsync().AsTask()));
        http.Dispose();
    }
}
