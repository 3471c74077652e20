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
    public InboundBenchResult? Inbound { get; set; }
    public List<ConnectionsResult> Connections { get; } = [];
    public List<MicroResult> Micro { get; } = [];
    public SlaBenchResult? Sla { get; set; }
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

    public List<Goal> Goals()
    {
        var goals = new List<Goal>();
        if (At("hub", 1000) is { } hub && At("relay", 1000) is { } relay)
        {
            var ratio = hub.P99 / relay.P99;
            goals.Add(new Goal("Web chat p99 at 1,000 msg/s", "≤ 2× relay", $"{hub.P99:F2} ms vs {relay.P99:F2} ms = {ratio:F2}×", ratio <= 2 && hub.Sustained));
        }
        if (results.Inbound is { } inbound)
            goals.Add(new Goal("Inbound webhooks on SQLite", "≥ 5,000 msg/s, p99 < 50 ms",
                $"{inbound.PushedPerSecond:N0} msg/s, p99 {inbound.P99:F1} ms", inbound.PushedPerSecond >= 5000 && inbound.P99 < 50));
        if (results.Sla is { } sla)
            goals.Add(new Goal($"SLA breach detection, {sla.Conversations:N0} open conversations", "p99 lag ≤ 1 s",
                $"p50 {sla.LagP50Ms:F0} ms, p99 {sla.LagP99Ms:F0} ms ({sla.Breaches:N0} breaches)", sla.LagP99Ms <= 1000 && sla.Breaches == sla.Conversations));
        if (results.Search is { } search)
            goals.Add(new Goal($"Search over {search.Messages:N0} messages", "p95 < 100 ms", $"p95 {search.P95Ms:F1} ms ({search.BaselineP95Ms / search.P95Ms:F0}× faster than a LIKE scan)", search.P95Ms < 100));
        if (results.Reports is { } reports)
            goals.Add(new Goal($"Each report over {reports.Messages:N0} messages / {reports.Conversations:N0} conversations", "p95 < 1 s",
                string.Join(", ", reports.Reports.Select(r => $"{r.Report} {r.P95Ms:F0} ms")), reports.Reports.All(r => r.P95Ms < 1000)));
        if (Connections("hub") is { } ch && Connections("relay") is { } cr)
        {
            goals.Add(new Goal($"{ch.Connections:N0} connections: RSS", "≤ 2× relay", $"{ch.RssMiB:F0} MiB vs {cr.RssMiB:F0} MiB = {ch.RssMiB / cr.RssMiB:F2}×", ch.RssMiB <= 2 * cr.RssMiB && ch.Failed == 0));
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
        }
        var hs = HighestSustained("hub");
        var rs = HighestSustained("relay");
        if (results.Latency.Count > 0)
            yield return ["Highest sustained web chat rate (p99 < 50 ms, ≥ 99 % delivered)", Sustained(hs), Sustained(rs), hs is not null && rs is not null ? $"{(double)hs.OfferedRate / rs.OfferedRate:F2}×" : ""];
        if (results.Inbound is { } i)
        {
            yield return ["Inbound Twilio webhooks: persisted + routed + pushed", $"{i.PushedPerSecond:N0} msg/s", "—", $"{i.Concurrency} in flight"];
            yield return ["Inbound webhook latency (p50 / p95 / p99)", $"{i.P50:F1} / {i.P95:F1} / {i.P99:F1} ms", "—", ""];
            yield return ["Inbound: hub CPU / peak RSS", $"{i.CpuPercent:F0} % / {i.PeakRssMiB:F0} MiB", "—", $"load generator {i.ClientCpuPercent:F0} %; {results.Machine.Cores} cores = {results.Machine.Cores * 100} %"];
        }
        if (results.Sla is { } s)
        {
            yield return [$"SLA breach-detection lag, {s.Conversations:N0} deadlines over {s.SpreadSeconds:N0} s (p50 / p99 / max)", $"{s.LagP50Ms:F0} / {s.LagP99Ms:F0} / {s.LagMaxMs:F0} ms", "—", $"{s.Breaches:N0} raised, {s.Sweeps} sweeps"];
            yield return ["SLA engine CPU while deadlines came due", $"{s.CpuPercentOfOneCore:F0} % of a core ({s.CpuSeconds:F1} s)", "—", "at-risk alerts and breaches, pushed"];
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
            yield return ["  CPU while idle", ch is null ? "—" : $"{ch.IdleCpuPercent:F1} %", cr is null ? "—" : $"{cr.IdleCpuPercent:F1} %", ""];
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
        if (results.Latency.Count > 0)
        {
            sb.AppendLine().AppendLine("## Web chat latency steps").AppendLine();
            sb.AppendLine("| target | offered msg/s | sent msg/s | delivered | p50 ms | p95 ms | p99 ms | max ms | server CPU % | sustained |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var s in results.Latency)
                sb.AppendLine($"| {s.Target} | {s.OfferedRate:N0} | {s.SentRate:N0} | {s.Delivered:N0}/{s.Sent:N0} | {s.P50:F2} | {s.P95:F2} | {s.P99:F2} | {s.Max:F1} | {s.CpuPercent:F0} | {(s.Sustained ? "yes" : "no")} |");
        }
        if (results.Inbound is { } i)
        {
            sb.AppendLine().AppendLine("## Inbound pipeline").AppendLine();
            sb.AppendLine($"{i.Accepted:N0} webhooks accepted in {i.Seconds:F1} s ({i.AcceptedPerSecond:N0}/s, {i.Failed} failed) from {i.Contacts:N0} WhatsApp contacts with {i.Concurrency} requests in flight; " +
                $"{i.Pushed:N0} pushed to the console ({i.PushedPerSecond:N0}/s); {i.Persisted:N0} inbound messages in the database after the run (warm-up included).");
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
