using System.Globalization;
using System.Text;

namespace Omnichannel.Simulation;

/// <summary>The figures of one row of the report: a clock hour, a whole day, or a scenario.</summary>
public sealed record Stats(
    string Label, double Operators, int Visitors, int Offered, int AnsweredWithin30, double MeanWait, double P95Wait, double Utilisation, double SlotOccupancy,
    double ErlangServiceLevel, double ErlangMeanWait)
{
    public double OfferedShare => Visitors == 0 ? 0 : (double)Offered / Visitors;
    public double AnsweredShare => Offered == 0 ? 1 : (double)AnsweredWithin30 / Offered;

    public static Stats From(string label, IEnumerable<VisitorOutcome> outcomes, double operators, double shiftSeconds, double busySeconds, double slotSeconds,
        double chatSeconds, double erlangServiceLevel, double erlangMeanWait, double target = 30)
    {
        var all = outcomes.ToList();
        var offered = all.Where(v => v.Offered).ToList();
        // Offered chats never answered (nobody left on shift) count as not answered, with the wait they had at the end of the day.
        var waits = offered.Select(v => v.WaitSeconds ?? double.PositiveInfinity).Order().ToList();
        var answered = waits.Where(w => !double.IsInfinity(w)).ToList();
        return new Stats(label, operators, all.Count, offered.Count, waits.Count(w => w <= target),
            answered.Count == 0 ? 0 : answered.Average(), Percentile(waits, 0.95),
            shiftSeconds == 0 ? 0 : busySeconds / shiftSeconds, slotSeconds == 0 ? 0 : chatSeconds / slotSeconds, erlangServiceLevel, erlangMeanWait);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

public static class Table
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(IEnumerable<Stats> rows, string firstColumn = "hour")
    {
        string[] head = [firstColumn, "ops", "visitors", "offered", "offered %", "≤30 s %", "mean wait", "p95 wait", "util", "slots used", "ErlangC ≤30 s", "ErlangC mean"];
        var body = rows.Select(r => new[]
        {
            r.Label, r.Operators.ToString("0.#", Inv), r.Visitors.ToString(Inv), r.Offered.ToString(Inv), Pct(r.OfferedShare), Pct(r.AnsweredShare),
            Sec(r.MeanWait), Sec(r.P95Wait), Pct(r.Utilisation), Pct(r.SlotOccupancy), double.IsNaN(r.ErlangServiceLevel) ? "-" : Pct(r.ErlangServiceLevel),
            double.IsNaN(r.ErlangMeanWait) ? "-" : double.IsInfinity(r.ErlangMeanWait) ? "∞" : Sec(r.ErlangMeanWait),
        }).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(b => b[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", head.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))) + " |");
        sb.AppendLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var b in body)
            sb.AppendLine("| " + string.Join(" | ", b.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        return sb.ToString();
    }

    private static string Pct(double share) => (share * 100).ToString("0.0", Inv) + " %";
    private static string Sec(double seconds) => double.IsInfinity(seconds) ? "∞" : seconds.ToString("0.0", Inv) + " s";
}
