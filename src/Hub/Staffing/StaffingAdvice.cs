using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Staffing;

/// <summary>The "what if" inputs: the service level to reach within the promise, and how many chats an operator takes at once.</summary>
public sealed record StaffingInputs(double ServiceLevel, TimeSpan Promise, int Concurrency, double? PatienceSeconds);

/// <summary>What was measured for one channel over the weeks looked at.</summary>
/// <param name="Arrivals">Conversations opened per (weekday, half hour of the day), summed over <paramref name="Weeks"/>.</param>
public sealed record StaffingHistory(ChannelKind Channel, double Weeks, IReadOnlyDictionary<(DayOfWeek Day, int HalfHour), int> Arrivals, double HandleSeconds)
{
    /// <summary>How many of each weekday the range held (a range of whole weeks: <see cref="Weeks"/> each); the arrivals of a weekday are averaged over these.</summary>
    public IReadOnlyDictionary<DayOfWeek, int>? Days { get; init; }

    public double Occurrences(DayOfWeek day) => Days is { } days ? Math.Max(1, days.GetValueOrDefault(day)) : Weeks;

    /// <summary>Each weekday's count in [from, to) in <paramref name="zone"/> (a day counts when the range holds any of it).</summary>
    public static Dictionary<DayOfWeek, int> CountDays(DateTime from, DateTime to, TimeZoneInfo zone)
    {
        var first = TimeZoneInfo.ConvertTimeFromUtc(from, zone).Date;
        var last = TimeZoneInfo.ConvertTimeFromUtc(to.AddTicks(-1), zone).Date;
        var days = new Dictionary<DayOfWeek, int>();
        for (var d = first; d <= last; d = d.AddDays(1))
            days[d.DayOfWeek] = days.GetValueOrDefault(d.DayOfWeek) + 1;
        return days;
    }
}

/// <summary>Advice for one half hour of the week.</summary>
public sealed record StaffingSlot(DayOfWeek Day, int HalfHour, string Time, double ArrivalsPerHour, double Erlangs, int Slots, int Operators, double ServiceLevel);

public sealed record StaffingPlan(ChannelKind Channel, double Weeks, double HandleSeconds, StaffingInputs Inputs, IReadOnlyList<StaffingSlot> Slots);

/// <summary>
/// Pure: operators needed per half hour from the measured arrival rate and handle time. Erlang C gives the slots
/// (simultaneous conversations) that answer <c>ServiceLevel</c> within the promise; with a measured patience Erlang A
/// (visitors who give up) does; operators = ⌈slots / concurrency⌉.
/// </summary>
public static class StaffingAdvisor
{
    public static StaffingPlan Advise(StaffingHistory history, StaffingInputs inputs)
    {
        var slots = new List<StaffingSlot>();
        foreach (var ((day, halfHour), count) in history.Arrivals.Where(a => a.Value > 0).OrderBy(a => a.Key.Day).ThenBy(a => a.Key.HalfHour))
        {
            var rate = count / history.Occurrences(day) / 1800;
            var target = inputs.Promise.TotalSeconds;
            int agents;
            double level;
            if (inputs.PatienceSeconds is { } patience)
            {
                agents = ErlangA.AgentsFor(rate, history.HandleSeconds, patience, target, inputs.ServiceLevel);
                level = ErlangA.Evaluate(agents, rate, history.HandleSeconds, patience, target).ServiceLevel;
            }
            else
            {
                agents = ErlangC.AgentsFor(rate, history.HandleSeconds, target, inputs.ServiceLevel);
                level = ErlangC.ServiceLevel(agents, rate, history.HandleSeconds, target);
            }
            slots.Add(new StaffingSlot(day, halfHour, $"{halfHour / 2:00}:{halfHour % 2 * 30:00}", Math.Round(rate * 3600, 3), Math.Round(rate * history.HandleSeconds, 4),
                agents, (int)Math.Ceiling((double)agents / Math.Max(1, inputs.Concurrency)), Math.Round(level, 4)));
        }
        return new StaffingPlan(history.Channel, history.Weeks, Math.Round(history.HandleSeconds, 1), inputs, slots);
    }
}
