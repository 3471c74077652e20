using System.Diagnostics;

namespace Omnichannel.Bench;

/// <param name="Waiting">Conversations waiting for an operator when the window started (read from the database).</param>
/// <param name="CpuMsPerMessage">Hub CPU time (from /proc) over the window / messages accepted in it.</param>
public sealed record BacklogStep(int Target, long Waiting, int Messages, int Failed, double CpuMsPerMessage, double P50, double P99, double Rate);

/// <param name="Reached">False when filling to the next step took longer than the time cap: the hub got too slow to go on.</param>
public sealed record BacklogResult(string Deployment, List<BacklogStep> Steps, bool Reached, double Seconds)
{
    /// <summary>CPU per message at the last step over the first (goal ≤ 1.5).</summary>
    public double Ratio => Steps.Count < 2 ? double.NaN : Steps[^1].CpuMsPerMessage / Steps[0].CpuMsPerMessage;
}

/// <summary>
/// (a) Backlog: every message from a new contact, so each opens a conversation that waits (the one operator online
/// is full after the first), from 0 up to N waiting. At each step a window of W messages (closed loop, C in flight)
/// measures hub CPU per message and webhook p99; then the backlog is filled to the next step.
/// </summary>
public static class BacklogBench
{
    public static async Task<BacklogResult> RunAsync(HubCluster hub, int[] steps, int window, int concurrency, TimeSpan capPerStep, Action<string> log)
    {
        var consoles = await HubSetup.ConnectOperatorsAsync(hub.Nodes[^1], hub.Db, 1, capacity: 1);
        var clients = hub.Nodes.Select(n => Webhooks.Client(n.BaseAddress, concurrency)).ToList();
        var clock = Stopwatch.StartNew();
        var result = new List<BacklogStep>();
        var reached = true;
        Func<string> newContact = () => Webhooks.NewContactPhone(Sequence.NewContact());
        try
        {
            // Warm-up on a few hundred new contacts (JIT, pools): part of the backlog, not measured.
            await InboundBench.RunLoopAsync(clients, concurrency, 1, 300, TimeSpan.FromMinutes(1), null, newContact);
            foreach (var (target, index) in steps.Select((s, i) => (s, i)))
            {
                var waiting = await hub.Db.WaitingAsync();
                if (waiting < target)
                {
                    var fill = Stopwatch.StartNew();
                    await InboundBench.RunLoopAsync(clients, concurrency, 1, (int)(target - waiting), capPerStep, null, newContact);
                    waiting = await hub.Db.WaitingAsync();
                    if (waiting < target * 0.98)
                    {
                        log($"  filling to {target:N0} waiting took over {capPerStep.TotalSeconds:0} s (reached {waiting:N0}): stopping");
                        reached = false;
                        break;
                    }
                }
                var latencies = new List<double>[concurrency];
                var before = hub.Sample();
                var start = Stopwatch.GetTimestamp();
                var (accepted, failed) = await InboundBench.RunLoopAsync(clients, concurrency, 1, window, capPerStep, latencies, newContact);
                var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var after = hub.Sample();
                var p = Percentiles.Of(latencies.Where(l => l is not null).SelectMany(l => l));
                var step = new BacklogStep(target, waiting, accepted, failed, accepted == 0 ? double.NaN : (after.CpuSeconds - before.CpuSeconds) * 1000 / accepted,
                    p.P50, p.P99, accepted / seconds);
                result.Add(step);
                log($"  {waiting,7:N0} waiting: {step.CpuMsPerMessage,6:F2} ms CPU/msg, webhook p50 {p.P50,6:F1} ms p99 {p.P99,6:F1} ms, {step.Rate,5:F0} msg/s, failed {failed}");
                if (accepted < window * 0.98)
                {
                    reached = false;
                    break;
                }
            }
        }
        finally
        {
            foreach (var console in consoles)
                await console.DisposeAsync();
            foreach (var client in clients)
                client.Dispose();
        }
        return new BacklogResult(hub.Deployment.Label, result, reached && result.Count == steps.Length, clock.Elapsed.TotalSeconds);
    }
}
