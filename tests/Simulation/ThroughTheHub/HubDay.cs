using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Simulation.ThroughTheHub;

/// <summary>
/// A shop day driven through the real hub, event by event on its fake clock (deterministic for a seed). Visitors arrive
/// (Poisson, the scenario's hourly curve) and write through the widget's own entry points (POST /api/widget/visitor,
/// /hubs/visitor Send): the hub's gate admits or refuses them. Operators log in, keep a console connection, go
/// available/away with their shifts and answer offers through the console's API (accept after a delay, miss, decline),
/// greet (the SLA's first response) and close after the visitor's handle time. Visitors not answered by their patience
/// leave. Between steps the clock moves to the next event; the hub's own due work (offer timeouts, the 20 s / 25 s
/// ladder) runs at its times, and the driver waits for it before going on. What the hub did is read from its database.
/// </summary>
public sealed partial class HubDay(Scenario scenario, int seed)
{
    /// <summary>A Monday.</summary>
    public static readonly DateTimeOffset Midnight = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private const string Password = "correct-horse-battery";
    private readonly PriorityQueue<Func<Task>, (long Ms, long Seq)> events = new();
    private readonly Random random = new(seed);
    private readonly List<SimVisitor> visitors = [];
    private readonly Dictionary<long, SimVisitor> byConversation = [];
    private readonly List<SimOperator> operators = [];
    private readonly List<(double At, WidgetAvailability State)> widgetStates = [];
    private readonly HashSet<long> seenOffers = [];
    private long sequence, nowMs, lastOfferId;
    private int declinedOffers, missedOffers;
    private SimClock clock = null!;
    private SimulatedHub hub = null!;
    private HttpClient anonymous = null!;

    private sealed class SimVisitor(int index, long arrivedMs, double handleSeconds, double patienceSeconds)
    {
        public int Index { get; } = index;
        public long ArrivedMs { get; } = arrivedMs;
        public double HandleSeconds { get; } = handleSeconds;
        public double PatienceSeconds { get; } = patienceSeconds;
        public bool Offered { get; set; }
        public long? ConversationId { get; set; }
        public long? AnsweredMs { get; set; }
        public bool Left { get; set; }
        public HubConnection? Widget { get; set; }
    }

    private sealed class SimOperator(Shift shift, int index)
    {
        public Shift Shift { get; } = shift;
        public int Index { get; } = index;
        public long Id { get; set; }
        public HttpClient Http { get; set; } = null!;
        public HubConnection Console { get; set; } = null!;
    }

    private void At(long ms, Func<Task> action) => events.Enqueue(action, (Math.Max(ms, nowMs), sequence++));

    private static long Ms(double seconds) => (long)Math.Round(seconds * 1000);

    public async Task<HubDayResult> RunAsync()
    {
        var opening = scenario.Shifts.Count == 0 ? 8 : scenario.Shifts.Min(s => s.StartHour);
        nowMs = Ms(Math.Max(0, Math.Min(opening, FirstArrivalHour()) * 3600 - 300));
        clock = new SimClock(Midnight.AddMilliseconds(nowMs));
        await using (hub = new SimulatedHub(clock, Settings()))
        {
            anonymous = hub.Http();
            hub.Services.GetRequiredService<WidgetStateService>().Computed += s => widgetStates.Add(((clock.GetUtcNow() - Midnight).TotalSeconds, s.State));
            foreach (var (shift, i) in scenario.Shifts.Select((s, i) => (s, i)))
                operators.Add(await SignInAsync(shift, i));
            foreach (var op in operators)
            {
                At(Ms(op.Shift.StartHour * 3600), () => PresenceAsync(op, Presence.Available));
                At(Ms(op.Shift.EndHour * 3600), () => PresenceAsync(op, Presence.Away));
            }
            ScheduleArrivals();
            while (events.TryDequeue(out var action, out var key))
            {
                if (key.Ms > nowMs)
                    await AdvanceAsync(key.Ms);
                await action();
                await ObserveOffersAsync();
            }
            var result = await ResultAsync();
            foreach (var visitor in visitors.Where(v => v.Widget is not null))
                await visitor.Widget!.DisposeAsync();
            foreach (var op in operators)
                await op.Console.DisposeAsync();
            return result;
        }
    }

    private double FirstArrivalHour() => Array.FindIndex(scenario.ArrivalsPerHour, r => r > 0) is var h and >= 0 ? h : 8;

    private Dictionary<string, string?> Settings()
    {
        var routing = scenario.Routing;
        var availability = scenario.Availability;
        var settings = new Dictionary<string, string?>
        {
            ["OpeningHours:TimeZone"] = "UTC",
            ["Routing:DefaultHandleTime"] = routing.DefaultHandleTime.ToString("c"),
            ["Routing:AcceptTime"] = routing.AcceptTime.ToString("c"),
            ["Routing:LiveOfferTimeout"] = routing.LiveOfferTimeout.ToString("c"),
            ["Routing:BroadcastAfter"] = routing.BroadcastAfter.ToString("c"),
            ["Routing:SupervisorAlertAfter"] = routing.SupervisorAlertAfter.ToString("c"),
            ["Availability:Target"] = Invariant(availability.Target),
            ["Availability:ReopenMargin"] = Invariant(availability.ReopenMargin),
            ["Availability:MinimumBusySpell"] = availability.MinimumBusySpell.ToString("c"),
            ["Availability:PriorWeight"] = Invariant(availability.PriorWeight),
            ["Availability:Window"] = Invariant(availability.Window),
            ["Availability:HourlyMinimum"] = Invariant(availability.HourlyMinimum),
            ["Capacity:MaxLive"] = "50",
        };
        foreach (var day in Enum.GetValues<DayOfWeek>())
            settings[$"OpeningHours:Weekly:{day}"] = scenario.OpeningHours;
        return settings;
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves the clock; the hub's sweep runs for the new time (and a hysteresis recompute, if one came due) before the next step.</summary>
    private async Task AdvanceAsync(long ms)
    {
        clock.Advance(TimeSpan.FromMilliseconds(ms - nowMs));
        nowMs = ms;
        await hub.Sweep.SweepAsync();
        if (clock.TakeWidgetTimerFired())
            await hub.Services.GetRequiredService<WidgetStateService>().RefreshAsync(CancellationToken.None);
    }

    private async Task<SimOperator> SignInAsync(Shift shift, int index)
    {
        var op = new SimOperator(shift, index);
        var email = $"operator{index + 1}@shop.test";
        await using (var scope = hub.Services.CreateAsyncScope())
            op.Id = (await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().CreateAsync(email, $"Operator {index + 1}", Password, Roles.Operator, CancellationToken.None)).Id;
        var login = await SimulatedHub.ReadAsync<LoginResponse>(await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password }));
        op.Http = hub.Http(login.AccessToken);
        (await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = scenario.Capacity, autoAccept = false })).EnsureSuccessStatusCode();
        op.Console = hub.Connection("/hubs/console", login.AccessToken);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (op.Console.On<OperatorDto>("PresenceChanged", _ => connected.TrySetResult()))
        {
            await op.Console.StartAsync();
            await connected.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        await PresenceAsync(op, Presence.Away);
        return op;
    }

    private async Task PresenceAsync(SimOperator op, Presence presence) =>
        (await op.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = presence.ToString() })).EnsureSuccessStatusCode();
}
