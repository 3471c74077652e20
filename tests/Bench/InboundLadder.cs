using System.Diagnostics;

namespace Omnichannel.Bench;

/// <param name="Contacts">"existing" (a warmed pool of 1,000 contacts with open conversations) or "new" (every message a contact the hub has never seen).</param>
/// <param name="CpuMsPerMessage">Hub CPU time (all nodes) per accepted message, in ms.</param>
public sealed record InboundStep(string Deployment, string Contacts, int OfferedRate, double SentRate, int Sent, int Accepted, int Failed, int Pushed,
    double P50, double P95, double P99, double Max, double CpuPercent, double CpuMsPerMessage, bool Sustained)
{
    /// <summary>The single writer's busy share during the step (<see cref="WriteTurnSample"/>; empty on PostgreSQL).</summary>
    public string WriteTurn { get; init; } = "";
}

/// <summary>
/// Inbound at fixed offered rates (open loop: the schedule never waits for answers, like providers do), signed
/// Twilio webhooks spread over the nodes, climbing until a rate is not sustained: p99 ≥ 50 ms, or fewer than 99 %
/// accepted and pushed to the operator console.
/// </summary>
public sealed class InboundLadder(HubCluster hub, Action<string> log) : IAsyncDisposable
{
    public const double SustainedP99Ms = 50;
    private const int ExistingContacts = 1000;
    private const int MaxInFlight = 4096;

    private readonly List<HttpClient> clients = [.. hub.Nodes.Select(n => Webhooks.Client(n.BaseAddress, 1024))];
    private readonly PushCounter pushes = new();

    /// <summary>The climb's setup on the operators' <paramref name="consoles"/> (the caller's: they outlive the ladder).</summary>
    public async Task SetupAsync(IReadOnlyList<Microsoft.AspNetCore.SignalR.Client.HubConnection> consoles)
    {
        pushes.Attach(consoles[0]);
        // The existing contacts' first messages (creates contacts and conversations), then a warm-up of both kinds.
        await InboundBench.RunLoopAsync(clients, 32, ExistingContacts, ExistingContacts, TimeSpan.FromMinutes(2), null);
        await InboundBench.RunLoopAsync(clients, 32, ExistingContacts, 2000, TimeSpan.FromSeconds(20), null);
        await InboundBench.RunLoopAsync(clients, 32, ExistingContacts, 1000, TimeSpan.FromSeconds(20), null, () => Webhooks.NewContactPhone(Sequence.NewContact()));
    }

    public async Task<List<InboundStep>> ClimbAsync(string contacts, int[] rates, TimeSpan duration)
    {
        var steps = new List<InboundStep>();
        foreach (var rate in rates)
        {
            var step = await MeasureAsync(contacts, rate, duration);
            if (!step.Sustained)
            {
                // One hiccup on a shared machine should not end the climb: measure the rate once more.
                var again = await MeasureAsync(contacts, rate, duration);
                if (again.Sustained || again.P99 < step.P99)
                    step = again;
            }
            steps.Add(step);
            if (!step.Sustained)
                break;
        }
        return steps;
    }

    public async Task<InboundStep> MeasureAsync(string contacts, int rate, TimeSpan duration)
    {
        if (!await hub.Db.WaitIdleAsync(TimeSpan.FromSeconds(90)))
            log("  still handling earlier messages after 90 s; measuring anyway");
        var total = (int)(rate * duration.TotalSeconds);
        var first = Sequence.Reserve(total);
        var requests = new HttpRequestMessage[total];
        for (var i = 0; i < total; i++)
            requests[i] = Webhooks.Request(contacts == "new" ? Webhooks.NewContactPhone(Sequence.NewContact()) : Webhooks.Phone((first + i) % ExistingContacts), first + i);
        pushes.Track(first, total);
        var latencies = new double[total];
        Array.Fill(latencies, double.NaN);
        var accepted = 0;
        var failed = 0;
        var inFlight = 0;
        var calls = new List<Task>(total);
        var turns = await WriteTurnSample.OfAsync(hub.First.BaseAddress);
        var before = hub.Sample();
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                if (Volatile.Read(ref inFlight) >= MaxInFlight)
                {
                    // The hub is this far behind: the rate is not sustained; the message counts as failed.
                    Interlocked.Increment(ref failed);
                    requests[sent].Dispose();
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                calls.Add(SendAsync(clients[sent % clients.Count], requests[sent], latencies, sent));
            }
            if (sent < total)
                await Task.Delay(1);
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(calls);
        var after = hub.Sample();
        var writeTurn = WriteTurnSample.Describe(turns, await WriteTurnSample.OfAsync(hub.First.BaseAddress));
        var pushed = await pushes.DrainAsync(accepted, TimeSpan.FromSeconds(10));
        var p = Percentiles.Of(latencies);
        var ok = p.P99 < SustainedP99Ms && accepted >= total * 0.99 && pushed >= total * 0.99 && failed == 0;
        var step = new InboundStep(hub.Deployment.Label, contacts, rate, total / sendSeconds, total, accepted, failed, pushed, p.P50, p.P95, p.P99, p.Max,
            ProcessSample.CpuPercent(before, after), accepted == 0 ? double.NaN : (after.CpuSeconds - before.CpuSeconds) * 1000 / accepted, ok) { WriteTurn = writeTurn };
        log($"  {contacts,-8} {rate,6}/s  accepted {accepted}/{total}  failed {failed}  pushed {pushed}  p50 {p.P50,7:F1} ms  p99 {p.P99,7:F1} ms  cpu {step.CpuPercent,4:F0}%  {step.CpuMsPerMessage:F2} ms/msg{(ok ? "" : "  (not sustained)")}{(writeTurn.Length > 0 ? "  " + writeTurn : "")}");
        return step;

        async Task SendAsync(HttpClient http, HttpRequestMessage request, double[] into, int index)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                into[index] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (response.IsSuccessStatusCode)
                    Interlocked.Increment(ref accepted);
                else
                    Interlocked.Increment(ref failed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                request.Dispose();
                Interlocked.Decrement(ref inFlight);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in clients)
            client.Dispose();
        return ValueTask.CompletedTask;
    }
}
