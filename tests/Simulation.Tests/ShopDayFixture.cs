using Omnichannel.Hub.Staffing;
using Omnichannel.Simulation.ThroughTheHub;

namespace Omnichannel.Simulation.Tests;

/// <summary>
/// The shop day every through-the-hub test looks at, run once: open 09:00–11:00, 50 then 90 visitors an hour who want
/// to chat, handle times log-normal (mean 180 s, σ 0.8), operators at the hub's default capacity of 3, and staffed hour by
/// hour as Erlang C says for those rates (95 % within the 30 s promise).
/// </summary>
public sealed class ShopDayFixture : IAsyncLifetime
{
    public const int Seed = 15;
    public const double Handle = 180;
    public const int Capacity = 3;
    public static readonly double[] Rates = [50, 90];

    public IReadOnlyList<int> Staff { get; } = [.. Rates.Select(r => (int)Math.Ceiling(ErlangC.AgentsFor(r / 3600, Handle, 30, 0.95) / (double)Capacity))];

    public HubDayResult Day { get; private set; } = null!;

    public TimeSpan WallTime { get; private set; }

    public static Scenario Scenario(IReadOnlyList<double> rates, IReadOnlyList<int> staff)
    {
        var perHour = new double[24];
        for (var i = 0; i < rates.Count; i++)
            perHour[9 + i] = rates[i];
        // Operator k works the hours that need more than k people (chats still open at the end are finished by 11:15).
        var shifts = Enumerable.Range(0, staff.Max()).Select(k =>
        {
            var hours = Enumerable.Range(0, staff.Count).Where(h => staff[h] > k).ToList();
            return new Shift(9 + hours.Min(), 9 + hours.Max() + (hours.Max() == staff.Count - 1 ? 1.25 : 1));
        }).ToList();
        return new Scenario
        {
            ArrivalsPerHour = perHour,
            Shifts = shifts,
            OpeningHours = $"09:00-{9 + rates.Count:00}:00",
            Capacity = Capacity,
            HandleMeanSeconds = Handle,
            Handle = HandleDistribution.LogNormal,
            HandleSigma = 0.8,
            Routing = new() { DefaultHandleTime = TimeSpan.FromSeconds(Handle) },
        };
    }

    public async Task InitializeAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Day = await new HubDay(Scenario(Rates, Staff), Seed).RunAsync();
        WallTime = watch.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
