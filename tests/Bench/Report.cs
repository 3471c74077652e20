using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnichannel.Bench;

public sealed class BenchResults
{
    public required MachineInfo Machine { get; init; }
    public required string Mode { get; init; }
    public string Arguments { get; init; } = "";
    public List<LatencyStep> Latency { get; } = [];
    public List<InboundBenchResult> Inbound { get; } = [];
    public List<InboundStep> InboundSteps { get; } = [];
    public List<BacklogResult> Backlog { get; } = [];
    public OpenConversationsResult? Open { get; set; }
    public List<CommitProbeStep> Commit { get; } = [];
    public List<string> Errors { get; } = [];
    public List<CostRow> Cost { get; } = [];
    public List<AcknowledgeRow> Acknowledge { get; } = [];
    public List<ConnectionsResult> Connections { get; } = [];
    public List<MicroResult> Micro { get; } = [];
    public SearchBenchResult? Search { get; set; }
    public ReportsBenchResult? Reports { get; set; }
    public double Seconds { get; set; }
}

public sealed record Goal(string Name, string Target, string Measured, bool? Met);

/// <summary>The results as a console table, JSON and Markdown (bench-results.md).</summary>
public sealed class Report(BenchResults results)
{
    private LatencyStep? At(string target, int rate) => results.Latency.FirstOrDefault(s => s.Target == target && s.OfferedRate == rate);

    private LatencyStep? HighestSustained(string target) =>
        results.Latency.Where(s => s.Target == target && s.Sustained).MaxBy(s => s.OfferedRate);

    private ConnectionsResult? Connections(string target) => results.Connections.FirstOrDefault(c => c.Target == target);

    private CommitProbeStep? Commit(string storage, int rate) => results.Commit.FirstOrDefault(c => c.Storage == storage && c.OfferedRate == rate);

    private InboundStep? HighestInbound(string deployment, string contacts) =>
        results.InboundSteps.Where(s => s.Deployment == deployment && s.Contacts == contacts && s.Sustained).MaxBy(s => s.OfferedRate);

    public List<Goal> Goals()
    {
        var goals = new List<Goal>();
        if (At("hub", 1000) is { } hub && At("relay", 1000) is { } relay && Commit("SQLite", 1000) is { } commit)
        {
            var ratio = hub.P99 / (relay.P99 + commit.P99);
            goals.Add(new Goal("Web chat p99 at 1,000 msg/s", "≤ 1.5 × (relay p99 + durable-commit p99)",
                $"{hub.P99:F2} ms / ({relay.P99:F2} + {commit.P99:F2} ms) = {ratio:F2}×", ratio <= 1.5 && hub.Sustained));
        }
        if (results.Latency.Any(s => s.Target == "hub"))
        {
            var best = HighestSustained("hub");
            goals.Add(new Goal("Highest sustained web chat rate on SQLite (p99 < 50 ms, ≥ 99 % delivered)", "≥ 10,000 msg/s",
                best is null ? "none" : $"{best.OfferedRate:N0} msg/s (p99 {best.P99:F1} ms)", best?.OfferedRate >= 10_000));
        }
        foreach (var contacts in new[] { "existing", "new" })
            if (results.InboundSteps.Any(s => s.Deployment == "SQLite, 1 node" && s.Contacts == contacts))
            {
                var best = HighestInbound("SQLite, 1 node", contacts);
                goals.Add(new Goal($"Inbound signed webhooks on SQLite, {contacts} contacts", "≥ 5,000 msg/s, p99 < 50 ms",
                    best is null ? "none sustained" : $"{best.OfferedRate:N0} msg/s (p99 {best.P99:F1} ms)", best?.OfferedRate >= 5000));
            }
        foreach (var backlog in results.Backlog)
            goals.Add(new Goal($"Backlog ({backlog.Deployment}): CPU per message at {backlog.Steps.LastOrDefault()?.Target ?? 0:N0} waiting", "≤ 1.5 × at 0",
                string.Join(" / ", backlog.Steps.Select(s => $"{s.CpuMsPerMessage:F2}")) + $" ms = {backlog.Ratio:F2}×{(backlog.Reached ? "" : " (backlog not reached)")}",
                backlog.Reached && backlog.Ratio <= 1.5));
        if (results.Open is { } open)
        {
            goals.Add(new Goal($"SLA breach detection, {open.Conversations:N0} open conversations, everything live", "p99 lag ≤ 1 s",
                $"p50 {open.LagP50Ms:F0} ms, p99 {open.LagP99Ms:F0} ms ({open.Breaches:N0} breaches)", open.LagP99Ms <= 1000 && open.Breaches >= open.Conversations));
            goals.Add(new Goal($"Widget bootstrap with {open.Conversations:N0} open conversations", "no failures",
                $"p50 {open.BootstrapP50Ms:F1} ms, p99 {open.BootstrapP99Ms:F1} ms, {open.BootstrapFailures} failed of {open.Bootstraps:N0}", open.BootstrapFailures == 0 && open.Bootstraps > 0));
        }
        goals.Add(new Goal("Errors logged by the hub, every scenario", "none", $"{results.Errors.Count}", results.Errors.Count == 0));
        if (results.Search is { } search)
            goals.Add(new Goal($"Search over {search.Messages:N0} messages", "p95 < 100 ms", $"p95 {search.P95Ms:F1} ms ({search.BaselineP95Ms / search.P95Ms:F0}× faster than a LIKE scan)", search.P95Ms < 100));
        if (results.Reports is { } reports)
            goals.Add(new Goal($"Each report over {reports.Messages:N0} messages / {reports.Conversations:N0} conversations", "p95 < 1 s",
                string.Join(", ", reports.Reports.Select(r => $"{r.Report} {r.P95Ms:F0} ms")), reports.Reports.All(r => r.P95Ms < 1000)));
        if (Connections("hub") is { } ch && Connections("relay") is { } cr)
        {
            goals.Add(new Goal($"{ch.Connections:N0} idle widget connections: RSS", "≤ 1.5× relay", $"{ch.RssMiB:F0} MiB vs {cr.RssMiB:F0} MiB = {ch.RssMiB / cr.RssMiB:F2}×", ch.RssMiB <= 1.5 * cr.RssMiB && ch.Failed == 0));
            goals.Add(new Goal($"{ch.Connections:N0} connections: connect rate", "≥ ½ relay", $"{ch.ConnectPerSecond:N0}/s vs {cr.ConnectPerSecond:N0}/s = {ch.ConnectPerSecond / cr.ConnectPerSecond:F2}×", ch.ConnectPerSecond >= cr.ConnectPerSecond / 2));
        }
        return goals;
    }

    private IEnumerable<string[]> SummaryRows()
    {
        foreach (var rate in new[] { 100, 1000 })
        {
            var h = At("hub", rate);
            var r = At("relay", rate);
            if (h is null && r is null)
                continue;
            yield return [$"Web chat latency @ {rate:N0} msg/s (p50 / p95 / p99)", Lat(h), Lat(r), h is not null && r is not null ? $"p99 {h.P99 / r.P99:F2}×" : ""];
            if (Commit("SQLite", rate) is { } c)
                yield return [$"  durable-commit probe @ {rate:N0}/s, SQLite (p50 / p95 / p99)", $"{c.P50:F2} / {c.P95:F2} / {c.P99:F2} ms", "—",
                    h is not null && r is not null ? $"hub p99 / (relay + commit) {h.P99 / (r.P99 + c.P99):F2}×" : ""];
        }
        var hs = HighestSustained("hub");
        var rs = HighestSustained("relay");
        if (results.Latency.Count > 0)
            yield return ["Highest sustained web chat rate (p99 < 50 ms, ≥ 99 % delivered)", Sustained(hs), Sustained(rs), hs is not null && rs is not null ? $"{(double)hs.OfferedRate / rs.OfferedRate:F2}×" : ""];
        foreach (var i in results.Inbound)
        {
            yield return [$"Inbound webhooks, closed loop, existing contacts ({i.Deployment}): persisted + routed + pushed", $"{i.PushedPerSecond:N0} msg/s, p99 {i.P99:F1} ms", "—", $"{i.Concurrency} in flight; hub CPU {i.CpuPercent:F0} %, load generator {i.ClientCpuPercent:F0} %{(i.WriteTurn.Length > 0 ? "; " + i.WriteTurn : "")}"];
            foreach (var contacts in new[] { "existing", "new" })
                if (results.InboundSteps.Any(s => s.Deployment == i.Deployment && s.Contacts == contacts))
                {
                    var b = HighestInbound(i.Deployment, contacts);
                    yield return [$"  highest sustained inbound rate, {contacts} contacts (p99 < 50 ms, ≥ 99 % pushed)",
                        b is null ? "none" : $"{b.OfferedRate:N0} msg/s (p99 {b.P99:F1} ms, {b.CpuMsPerMessage:F2} ms CPU/msg)", "—", b?.WriteTurn ?? ""];
                }
        }
        foreach (var b in results.Backlog)
            yield return [$"Backlog, new contacts ({b.Deployment}): CPU/msg at " + string.Join(" / ", b.Steps.Select(s => $"{s.Waiting / 1000.0:0.#}k")) + " waiting",
                string.Join(" / ", b.Steps.Select(s => $"{s.CpuMsPerMessage:F2}")) + " ms", "—", $"{b.Ratio:F2}×; webhook p99 " + string.Join(" / ", b.Steps.Select(s => $"{s.P99:F0}")) + " ms"];
        if (results.Open is { } o)
        {
            yield return [$"{o.Conversations:N0} open conversations: SLA breach-detection lag (p50 / p99 / max)", $"{o.LagP50Ms:F0} / {o.LagP99Ms:F0} / {o.LagMaxMs:F0} ms", "—", $"{o.Breaches:N0} raised; hub started in {o.StartSeconds:F1} s"];
            yield return ["  widget bootstrap (p50 / p99)", $"{o.BootstrapP50Ms:F1} / {o.BootstrapP99Ms:F1} ms", "—", $"{o.Bootstraps:N0} loads, {o.BootstrapFailures} failed; inbound {o.InboundAccepted} ok / {o.InboundFailed} failed; hub CPU {o.CpuPercent:F0} %"];
        }
        if (results.Search is { } q)
            yield return [$"Search, {q.Messages:N0} messages, {q.Queries:N0} searches (p50 / p95 / p99)", $"{q.P50Ms:F1} / {q.P95Ms:F1} / {q.P99Ms:F1} ms", $"LIKE scan {q.BaselineP50Ms:F0} / {q.BaselineP95Ms:F0} ms", $"p95 {q.BaselineP95Ms / q.P95Ms:F0}× faster"];
        if (results.Reports is { } rb)
            foreach (var t in rb.Reports)
                yield return [$"Report {t.Report}, {rb.Messages:N0} messages (p50 / p95)", $"{t.P50Ms:F0} / {t.P95Ms:F0} ms", "—", $"{t.P95Ms / t.BaselineMs:F1}× a COUNT(*) ({t.BaselineMs:F0} ms)"];
        if (Connections("hub") is var ch && Connections("relay") is var cr && (ch is not null || cr is not null))
        {
            var n = (ch ?? cr)!.Connections;
            yield return [$"{n:N0} idle widget connections: RSS", ch is null ? "—" : $"{ch.RssMiB:F0} MiB", cr is null ? "—" : $"{cr.RssMiB:F0} MiB", ch is not null && cr is not null ? $"{ch.RssMiB / cr.RssMiB:F2}×" : ""];
            yield return ["  time to connect them all", ch is null ? "—" : $"{ch.ConnectSeconds:F1} s ({ch.ConnectPerSecond:N0}/s)", cr is null ? "—" : $"{cr.ConnectSeconds:F1} s ({cr.ConnectPerSecond:N0}/s)", ch is not null && cr is not null ? $"rate {ch.ConnectPerSecond / cr.ConnectPerSecond:F2}×" : ""];
            yield return ["  RSS before connecting · per connection", ch is null ? "—" : $"{ch.RssBeforeMiB:F0} MiB · {ch.KiBPerConnection:F1} KiB", cr is null ? "—" : $"{cr.RssBeforeMiB:F0} MiB · {cr.KiBPerConnection:F1} KiB", ""];
            yield return ["  CPU while idle", ch is null ? "—" : $"{ch.IdleCpuPercent:F1} %", cr is null ? "—" : $"{cr.IdleCpuPercent:F1} %", ""];
            if (ch is not null && Connections(ServerProcess.RelayWorkstationGc) is { } cw)
                yield return ["  relay on the hub's GC (workstation), for reference", "", $"{cw.RssMiB:F0} MiB ({cw.RssBeforeMiB:F0} · {cw.KiBPerConnection:F1} KiB)", $"{ch.RssMiB / cw.RssMiB:F2}×"];
        }
    }

    private static string Lat(LatencyStep? s) => s is null ? "—" : $"{s.P50:F2} / {s.P95:F2} / {s.P99:F2} ms{(s.Sustained ? "" : " (!)")}";

    private static string Sustained(LatencyStep? s) => s is null ? "—" : $"{s.OfferedRate:N0} msg/s (p99 {s.P99:F1} ms)";

    private string Header() =>
        $"{results.Machine.Cores} cores · {results.Machine.MemoryMiB:N0} MiB · {results.Machine.Cpu} · {results.Machine.Runtime} · commit {results.Machine.Commit} · {results.Mode} run · {results.Machine.At:yyyy-MM-dd HH:mm} UTC";

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Header());
        var rows = new List<string[]> { new[] { "", "hub", "relay", "hub/relay" } };
        rows.AddRange(SummaryRows());
        AppendAligned(sb, rows);
        if (results.Micro.Count > 0)
        {
            sb.AppendLine();
            var micro = new List<string[]> { new[] { "micro-benchmark", "mean", "allocated" } };
            micro.AddRange(results.Micro.Select(m => new[] { m.Name, MicroRunner.Format(m.MeanNs), $"{m.AllocatedBytes / 1024.0:F1} KiB" }));
            AppendAligned(sb, micro);
        }
        sb.AppendLine();
        foreach (var goal in Goals())
            sb.AppendLine($"{(goal.Met == true ? "MET " : "MISS")}  {goal.Name}: {goal.Measured} (goal {goal.Target})");
        return sb.ToString();
    }

    private static void AppendAligned(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (index == 0)
                sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
    }

    /// <summary>A section whose scenario did not run keeps its table head, so the file always shows the whole format.</summary>
    private const string NotRun = "| _not run in this run (see `--only`)_ |";

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmark results").AppendLine();
        sb.AppendLine(Header()).AppendLine();
        sb.AppendLine("| | hub | relay | hub/relay |").AppendLine("|---|---|---|---|");
        foreach (var row in SummaryRows())
            sb.AppendLine($"| {string.Join(" | ", row)} |");
        sb.AppendLine().AppendLine("## Goals").AppendLine().AppendLine("| goal | target | measured | |").AppendLine("|---|---|---|---|");
        foreach (var goal in Goals())
            sb.AppendLine($"| {goal.Name} | {goal.Target} | {goal.Measured} | {(goal.Met == true ? "met" : "missed")} |");
        {
            sb.AppendLine().AppendLine("## Web chat latency steps").AppendLine();
            sb.AppendLine("| target | offered msg/s | sent msg/s | delivered | p50 ms | p95 ms | p99 ms | max ms | server CPU % | sustained |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            if (results.Latency.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var s in results.Latency)
                sb.AppendLine($"| {s.Target} | {s.OfferedRate:N0} | {s.SentRate:N0} | {s.Delivered:N0}/{s.Sent:N0} | {s.P50:F2} | {s.P95:F2} | {s.P99:F2} | {s.Max:F1} | {s.CpuPercent:F0} | {(s.Sustained ? "yes" : "no")} |");
        }
        {
            sb.AppendLine().AppendLine("## Durable-commit probe (one row per message, group commit, same storage settings)").AppendLine();
            sb.AppendLine("| storage | offered msg/s | rows | p50 ms | p95 ms | p99 ms | max ms | rows per commit |").AppendLine("|---|---|---|---|---|---|---|---|");
            if (results.Commit.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var c in results.Commit)
                sb.AppendLine($"| {c.Storage} | {c.OfferedRate:N0} | {c.Rows:N0} | {c.P50:F2} | {c.P95:F2} | {c.P99:F2} | {c.Max:F1} | {c.MeanGroup:F1} |");
        }
        {
            sb.AppendLine().AppendLine("## Inbound pipeline").AppendLine();
            if (results.Inbound.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var i in results.Inbound)
                sb.AppendLine($"- {i.Deployment}: {i.Accepted:N0} webhooks accepted in {i.Seconds:F1} s ({i.AcceptedPerSecond:N0}/s, {i.Failed} failed) from {i.Contacts:N0} WhatsApp contacts with {i.Concurrency} requests in flight; " +
                    $"{i.Pushed:N0} pushed to the console ({i.PushedPerSecond:N0}/s), p50 / p95 / p99 {i.P50:F1} / {i.P95:F1} / {i.P99:F1} ms, hub CPU {i.CpuPercent:F0} %, peak RSS {i.PeakRssMiB:F0} MiB.");
        }
        {
            sb.AppendLine().AppendLine("## Inbound ladder (open loop, signed webhooks)").AppendLine();
            sb.AppendLine("| deployment | contacts | offered msg/s | accepted | pushed | failed | p50 ms | p95 ms | p99 ms | hub CPU % | CPU ms/msg | sustained |").AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            if (results.InboundSteps.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var s in results.InboundSteps)
                sb.AppendLine($"| {s.Deployment} | {s.Contacts} | {s.OfferedRate:N0} | {s.Accepted:N0}/{s.Sent:N0} | {s.Pushed:N0} | {s.Failed} | {s.P50:F1} | {s.P95:F1} | {s.P99:F1} | {s.CpuPercent:F0} | {s.CpuMsPerMessage:F2} | {(s.Sustained ? "yes" : "no")} |");
        }
        {
            sb.AppendLine().AppendLine("## Backlog (new contacts, one operator online and full)").AppendLine();
            sb.AppendLine("| deployment | waiting | messages | failed | CPU ms/msg | × at 0 | webhook p50 ms | p99 ms | msg/s |").AppendLine("|---|---|---|---|---|---|---|---|---|");
            if (results.Backlog.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var b in results.Backlog)
                foreach (var s in b.Steps)
                    sb.AppendLine($"| {b.Deployment} | {s.Waiting:N0} | {s.Messages:N0} | {s.Failed} | {s.CpuMsPerMessage:F2} | {s.CpuMsPerMessage / b.Steps[0].CpuMsPerMessage:F2} | {s.P50:F1} | {s.P99:F1} | {s.Rate:F0} |");
        }
        {
            sb.AppendLine().AppendLine("## Open conversations: SLA engine, routing and widget state live").AppendLine();
            sb.AppendLine("| open conversations | seed s | hub start s | breaches | lag p50 ms | lag p99 ms | lag max ms | widget loads | failed | bootstrap p50 ms | p99 ms | inbound ok / failed | hub CPU % | errors logged |").AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            if (results.Open is { } o)
                sb.AppendLine($"| {o.Conversations:N0} | {o.SeedSeconds:F1} | {o.StartSeconds:F1} | {o.Breaches:N0} | {o.LagP50Ms:F0} | {o.LagP99Ms:F0} | {o.LagMaxMs:F0} | {o.Bootstraps:N0} | {o.BootstrapFailures} | {o.BootstrapP50Ms:F1} | {o.BootstrapP99Ms:F1} | {o.InboundAccepted} / {o.InboundFailed} | {o.CpuPercent:F0} | {o.ErrorsLogged} |");
            else
                sb.AppendLine(NotRun);
        }
        {
            sb.AppendLine().AppendLine("## Cost of one inbound message (SQLite, one at a time)").AppendLine();
            sb.AppendLine("| contact | messages | SQL commands / msg | by kind | transactions / msg | savepoints / msg | hub CPU ms / msg (with SQL logging) |").AppendLine("|---|---|---|---|---|---|---|");
            if (results.Cost.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var c in results.Cost)
                sb.AppendLine($"| {c.Kind} | {c.Messages} | {c.TotalCommands:F1} | {string.Join(", ", c.Commands.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:F1}"))} | {c.Transactions:F1} | {c.Savepoints:F1} | {c.CpuMsPerMessage:F2} |");
        }
        {
            sb.AppendLine().AppendLine("## Acknowledge after handling vs at the commit (two SQLite hubs side by side, closed loop, 32 in flight)").AppendLine();
            sb.AppendLine("| Events:Acknowledge | msg/s | webhook p50 ms | p95 ms | p99 ms | hub CPU ms / msg | failed |").AppendLine("|---|---|---|---|---|---|---|");
            if (results.Acknowledge.Count == 0)
                sb.AppendLine(NotRun);
            foreach (var a in results.Acknowledge)
                sb.AppendLine($"| {a.Mode} | {a.Rate:F0} | {a.P50:F1} | {a.P95:F1} | {a.P99:F1} | {a.CpuMsPerMessage:F2} | {a.Failed} |");
        }
        if (results.Errors.Count > 0)
        {
            sb.AppendLine().AppendLine($"## Errors logged by the hub ({results.Errors.Count}) — the run failed").AppendLine().AppendLine("```");
            foreach (var e in results.Errors.Take(100))
                sb.AppendLine(e);
            sb.AppendLine("```");
        }
        if (results.Micro.Count > 0)
        {
            sb.AppendLine().AppendLine("## Micro-benchmarks").AppendLine().AppendLine("| benchmark | mean | ± error | allocated |").AppendLine("|---|---|---|---|");
            foreach (var m in results.Micro)
                sb.AppendLine($"| {m.Name} | {MicroRunner.Format(m.MeanNs)} | {MicroRunner.Format(m.ErrorNs)} | {m.AllocatedBytes / 1024.0:F1} KiB |");
        }
        sb.AppendLine().AppendLine($"Run time {results.Seconds:F0} s. Reproduce: `{$"dotnet run -c Release --project tests/Bench -- {results.Arguments}".Trim().TrimEnd('-').Trim()}`");
        return sb.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new { results, goals = Goals() }, new JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}
