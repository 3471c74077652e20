using System.Globalization;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;

namespace Omnichannel.Simulation;

/// <summary>
/// dotnet run -c Release --project tests/Simulation -- [--operators 4] [--seed 1] [--capacity 3] [--days 1] [--rate-scale 1]
///     [--shifts 08-16,12-20] [--handle 180] [--handle-dist exponential|lognormal] [--accept 4] [--miss 0.02] [--decline 0.01]
/// dotnet run -c Release --project tests/Simulation -- --find-rate [--operators 4] [--seed 1] [--days 20] [--handle 180]
/// </summary>
public static class SimulationProgram
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Main(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        var operators = Int(options, "operators", 4);
        var seed = Int(options, "seed", 1);
        var handle = Double(options, "handle", 180);
        var baseline = new Scenario
        {
            ArrivalsPerHour = new double[24],
            Shifts = [],
            Seed = seed,
            HandleMeanSeconds = handle,
            Handle = options.GetValueOrDefault("handle-dist", "exponential").StartsWith("log", StringComparison.OrdinalIgnoreCase) ? HandleDistribution.LogNormal : HandleDistribution.Exponential,
            AcceptMeanSeconds = Double(options, "accept", 4),
            MissProbability = Double(options, "miss", 0.02),
            DeclineProbability = Double(options, "decline", 0.01),
        };
        if (options.ContainsKey("find-rate"))
            Console.Write(FindRate(baseline with { Days = Int(options, "days", 20) }, operators));
        else
        {
            var shifts = options.TryGetValue("shifts", out var s)
                ? s.Split(',').Select(r => r.Split('-')).Select(p => new Shift(Double(p[0]), Double(p[1]))).ToList()
                : Scenario.Staggered(operators);
            Console.Write(Day(baseline with
            {
                ArrivalsPerHour = Scenario.ShopProfile(Double(options, "rate-scale", 1)),
                Shifts = shifts,
                Capacity = Int(options, "capacity", 3),
                Days = Int(options, "days", 1),
            }));
        }
        return 0;
    }

    /// <summary>A shop day, hour by hour, with Erlang C for each hour's staffing (operators × capacity as agents).</summary>
    public static string Day(Scenario scenario)
    {
        var days = RunDays(scenario);
        var rows = new List<Stats>();
        for (var h = 0; h < 24; h++)
        {
            var hour = h;
            var outcomes = days.SelectMany(d => d.Visitors).Where(v => (int)(v.ArrivedAt / 3600) == hour).ToList();
            var shift = days.Sum(d => d.ShiftSecondsPerHour[hour]);
            if (outcomes.Count == 0 && shift == 0)
                continue;
            var agents = scenario.Shifts.Count(s => s.Covers(hour + 0.5)) * scenario.Capacity;
            var rate = scenario.ArrivalsPerHour[hour] / 3600;
            rows.Add(Stats.From($"{hour:00}:00", outcomes, shift / 3600 / scenario.Days, shift, days.Sum(d => d.BusySecondsPerHour[hour]),
                days.Sum(d => d.SlotSecondsPerHour[hour]), days.Sum(d => d.ChatSecondsPerHour[hour]),
                rate > 0 ? ErlangC.ServiceLevel(agents, rate, scenario.HandleMeanSeconds, 30) : double.NaN,
                rate > 0 ? ErlangC.MeanWait(agents, rate, scenario.HandleMeanSeconds) : double.NaN));
        }
        var weighted = rows.Where(r => !double.IsNaN(r.ErlangServiceLevel)).ToList();
        var arrivals = weighted.Sum(r => scenario.ArrivalsPerHour[int.Parse(r.Label[..2], Inv)]);
        double Weighted(Func<Stats, double> f) => weighted.Sum(r => f(r) * scenario.ArrivalsPerHour[int.Parse(r.Label[..2], Inv)]) / arrivals;
        rows.Add(Stats.From("day", days.SelectMany(d => d.Visitors), scenario.Shifts.Sum(s => s.EndHour - s.StartHour) / 8,
            days.Sum(d => d.ShiftSecondsPerHour.Sum()), days.Sum(d => d.BusySecondsPerHour.Sum()), days.Sum(d => d.SlotSecondsPerHour.Sum()),
            days.Sum(d => d.ChatSecondsPerHour.Sum()), Weighted(r => r.ErlangServiceLevel), Weighted(r => r.ErlangMeanWait)));
        return Header(scenario) + $"shifts: {string.Join(", ", scenario.Shifts)}; opening hours {scenario.OpeningHours}; ops = operators on shift (day row: 8-hour shifts)\n\n"
            + Table.Render(rows) + Footer(days);
    }

    /// <summary>
    /// The rate at which Erlang C answers 95 % within 30 s with N agents, and the hub simulated at that rate:
    /// capacity 1 (Erlang C's own model), capacity 3 at the same rate, and capacity 3 at the rate Erlang C gives for 3N slots.
    /// </summary>
    public static string FindRate(Scenario baseline, int operators)
    {
        const double target = 30, level = 0.95;
        var h = baseline.HandleMeanSeconds;
        var rate1 = ErlangC.ArrivalRateFor(operators, h, target, level);
        var rate3 = ErlangC.ArrivalRateFor(operators * 3, h, target, level);
        var shifts = Enumerable.Range(0, operators).Select(_ => new Shift(9, 17.25)).ToList();
        var rows = new List<Stats>();
        var text = Header(baseline with { Shifts = shifts })
            + $"Erlang C, {operators} agents, handle {h:0} s: {rate1 * 3600:0.00} chats/h (A = {rate1 * h:0.000} Erlangs) answer 95 % within 30 s.\n"
            + $"Erlang C, {operators * 3} agents (capacity 3 as slots): {rate3 * 3600:0.00} chats/h (A = {rate3 * h:0.000} Erlangs).\n"
            + $"Each run: chat open 09:00-17:00, {operators} operators on shift 09:00-17:15, {baseline.Days} days, flat Poisson arrivals.\n\n";
        var verdicts = new List<string>();
        foreach (var (label, capacity, rate) in new[] { ("cap 1 @ Erlang C rate (N)", 1, rate1), ("cap 3 @ same rate", 3, rate1), ("cap 3 @ Erlang C rate (3N)", 3, rate3) })
        {
            var scenario = baseline with { ArrivalsPerHour = Scenario.Flat(rate * 3600, 9, 17), Shifts = shifts, Capacity = capacity };
            var days = RunDays(scenario);
            var stats = Stats.From($"{label}, {rate * 3600:0.0}/h", days.SelectMany(d => d.Visitors), operators,
                days.Sum(d => d.ShiftSecondsPerHour.Sum()), days.Sum(d => d.BusySecondsPerHour.Sum()), days.Sum(d => d.SlotSecondsPerHour.Sum()),
                days.Sum(d => d.ChatSecondsPerHour.Sum()), ErlangC.ServiceLevel(operators * capacity, rate, h, target), ErlangC.MeanWait(operators * capacity, rate, h));
            rows.Add(stats);
            verdicts.Add($"{label}: {stats.Offered} of {stats.Visitors} visitors offered chat ({stats.OfferedShare * 100:0.0} %); "
                + $"{stats.AnsweredShare * 100:0.0} % of offered chats answered within 30 s -> {(stats.AnsweredShare >= level ? "meets" : "MISSES")} ≥ 95 %; "
                + $"supervisor alerts {days.Sum(d => d.SupervisorAlerts)}, broadcasts {days.Sum(d => d.Broadcasts)}, expired offers {days.Sum(d => d.ExpiredOffers)}.");
        }
        return text + Table.Render(rows, "scenario") + "\n" + string.Join("\n", verdicts) + "\n";
    }

    private static List<DayResult> RunDays(Scenario scenario) =>
        [.. Enumerable.Range(0, scenario.Days).Select(d => new Simulator(scenario, scenario.Seed * 1_000 + d).Run())];

    private static string Header(Scenario s) =>
        $"Omnichannel simulator: {s.Operators} operators, capacity {s.Capacity}, handle {s.Handle.ToString().ToLowerInvariant()} mean {s.HandleMeanSeconds:0} s, "
        + $"accept ~{s.AcceptMeanSeconds:0} s (miss {s.MissProbability:P0}, decline {s.DeclineProbability:P0}), seed {s.Seed}, days {s.Days}\n"
        + $"hub rules: promise {s.Routing.Promise(Adapters.Abstractions.ChannelKind.WebChat).TotalSeconds:0} s, offer timeout {s.Routing.LiveOfferTimeout.TotalSeconds:0} s, "
        + $"everyone at {s.Routing.BroadcastAfter.TotalSeconds:0} s, supervisors at {s.Routing.SupervisorAlertAfter.TotalSeconds:0} s, "
        + $"predicted-wait accept time {s.Routing.AcceptTime.TotalSeconds:0} s, sweep {s.Routing.SweepInterval.TotalMilliseconds:0} ms\n";

    private static string Footer(List<DayResult> days) =>
        $"\nsupervisor alerts {days.Sum(d => d.SupervisorAlerts)}, broadcasts {days.Sum(d => d.Broadcasts)}, expired offers {days.Sum(d => d.ExpiredOffers)}\n"
        + "offered = visitors the widget offered chat (AvailabilityGate said available); the others saw busy/closed, never a form.\n"
        + "≤30 s %, mean and p95 wait: of offered chats, arrival to accepted offer. util: operator time with ≥1 chat / time on shift; slots used: chat time / (capacity × shift).\n"
        + "Erlang C treats every operator slot as one agent and every visitor as offered.\n";

    private static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            var key = args[i][2..];
            result[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return result;
    }

    private static int Int(Dictionary<string, string> o, string key, int fallback) => o.TryGetValue(key, out var v) ? int.Parse(v, Inv) : fallback;
    private static double Double(Dictionary<string, string> o, string key, double fallback) => o.TryGetValue(key, out var v) ? Double(v) : fallback;
    private static double Double(string v) => double.Parse(v, Inv);
}
