using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;

namespace Omnichannel.Simulation.ThroughTheHub;

/// <summary>What happened to one visitor who wanted to chat (seconds from midnight; wait = arrival → accepted offer).</summary>
public sealed record HubVisitorOutcome(double ArrivedAt, bool Offered, double? WaitSeconds, bool Left);

/// <summary>One clock hour of the day, against Erlang C for the slots on shift.</summary>
/// <param name="Slots">Operators on shift at half past × capacity (Erlang C's agents).</param>
/// <param name="Servable">Visitors Erlang C says those slots answer at 95 % within the promise: min(arrivals, λ*(slots) × 1 h).</param>
public sealed record HourRow(int Hour, int Slots, int Visitors, int Offered, int AnsweredInTime, int Left, double Servable, double P95Wait);

/// <summary>The figures of a day through the hub, every count from what the hub did (its database and its widget state).</summary>
/// <param name="SlaMet">First responses the hub's SLA engine measured as within the web chat promise …</param>
/// <param name="SlaMeasured">… of all first responses it measured.</param>
/// <param name="Flips">Changes of the widget state between available and busy while open.</param>
/// <param name="ShortestSpell">The shortest spell of one widget state between two flips (seconds; infinity without two flips).</param>
public sealed record HubDayResult(
    IReadOnlyList<HubVisitorOutcome> Visitors, IReadOnlyList<HourRow> Hours, int SlaMet, int SlaMeasured, int Breaches,
    int Flips, double ShortestSpell, int ExpiredOffers, int DeclinedOffers, int MissedOffers, double PromiseSeconds)
{
    /// <summary>The shortest busy spell (the one hysteresis holds) between two flips; infinity without one.</summary>
    public double ShortestBusySpell { get; init; } = double.PositiveInfinity;

    /// <summary>The product's staffing advice from this day's history: operators needed per clock hour.</summary>
    public IReadOnlyDictionary<int, int> Advice { get; init; } = new Dictionary<int, int>();

    public int Offered => Visitors.Count(v => v.Offered);

    /// <summary>Visitors answered within the promise as a share of everyone who wanted to chat (refused ones count as not): the service level staffing aims at.</summary>
    public double ServiceLevel => Visitors.Count == 0 ? 1 : (double)AnsweredInTime / Visitors.Count;

    public int AnsweredInTime => Hours.Sum(h => h.AnsweredInTime);

    /// <summary>Offered visitors answered within the promise (a visitor who left unanswered counts as not).</summary>
    public double AnsweredShare => Offered == 0 ? 1 : (double)AnsweredInTime / Offered;

    public double Servable => Hours.Sum(h => h.Servable);

    /// <summary>Visitors offered chat as a share of the demand Erlang C says the staff can serve, hour by hour (an hour's excess does not make up for another's shortfall).</summary>
    public double OfferedOfServable => Servable == 0 ? 1 : Hours.Sum(h => Math.Min(h.Offered, h.Servable)) / Servable;

    public static IReadOnlyList<HourRow> ByHour(IReadOnlyList<HubVisitorOutcome> visitors, Scenario scenario, double level = 0.95)
    {
        var promise = scenario.Routing.Promise(Adapters.Abstractions.ChannelKind.WebChat).TotalSeconds;
        var rows = new List<HourRow>();
        for (var h = 0; h < 24; h++)
        {
            var hour = h;
            var inHour = visitors.Where(v => (int)(v.ArrivedAt / 3600) == hour).ToList();
            var slots = scenario.Shifts.Count(s => s.Covers(hour + 0.5)) * scenario.Capacity;
            if (inHour.Count == 0 && slots == 0)
                continue;
            var offered = inHour.Where(v => v.Offered).ToList();
            var capacity = slots == 0 ? 0 : ErlangC.ArrivalRateFor(slots, scenario.HandleMeanSeconds, promise, level) * 3600;
            var waits = offered.Select(v => v.WaitSeconds ?? double.PositiveInfinity).Order().ToList();
            rows.Add(new HourRow(hour, slots, inHour.Count, offered.Count, waits.Count(w => w <= promise), offered.Count(v => v.Left),
                Math.Min(inHour.Count, capacity), Stats.Percentile(waits, 0.95)));
        }
        return rows;
    }

    /// <summary>The shortest spell of <paramref name="state"/> that began and ended with a flip while open.</summary>
    public static double ShortestSpellOf(IReadOnlyList<(double At, WidgetAvailability State)> computed, WidgetAvailability state)
    {
        var open = computed.Where(c => c.State != WidgetAvailability.Closed).ToList();
        double? since = null;
        var shortest = double.PositiveInfinity;
        for (var i = 1; i < open.Count; i++)
        {
            if (open[i].State == open[i - 1].State)
                continue;
            if (open[i].State == state)
                since = open[i].At;
            else if (since is { } start)
                shortest = Math.Min(shortest, open[i].At - start);
        }
        return shortest;
    }

    /// <summary>Flips between available and busy (closed hours are not counted) and the shortest spell between two.</summary>
    public static (int Flips, double Shortest) Spells(IReadOnlyList<(double At, WidgetAvailability State)> computed)
    {
        var open = computed.Where(c => c.State != WidgetAvailability.Closed).ToList();
        var changes = new List<double>();
        for (var i = 1; i < open.Count; i++)
            if (open[i].State != open[i - 1].State)
                changes.Add(open[i].At);
        var shortest = changes.Zip(changes.Skip(1), (a, b) => b - a).DefaultIfEmpty(double.PositiveInfinity).Min();
        return (changes.Count, shortest);
    }
}
