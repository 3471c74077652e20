using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Simulation.ThroughTheHub;

public sealed partial class HubDay
{
    /// <summary>The visitors' outcomes, with the hub's own account of the day: SLA measurements and breaches, expired offers.</summary>
    private async Task<HubDayResult> ResultAsync()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var first = await db.SlaMeasurements.AsNoTracking().Where(m => m.Channel == ChannelKind.WebChat && m.Kind == SlaKind.FirstResponse)
            .Select(m => m.Met).ToListAsync();
        var breaches = await db.Set<Breach>().AsNoTracking().CountAsync(b => b.Channel == ChannelKind.WebChat && b.Kind == SlaKind.FirstResponse);
        var expired = await db.Offers.AsNoTracking().CountAsync(o => o.State == OfferState.Expired);
        var outcomes = visitors.Select(v => new HubVisitorOutcome(v.ArrivedMs / 1000.0, v.Offered,
            v.AnsweredMs is { } a ? (a - v.ArrivedMs) / 1000.0 : null, v.Left)).ToList();
        var (flips, shortest) = HubDayResult.Spells(widgetStates);
        return new HubDayResult(outcomes, HubDayResult.ByHour(outcomes, scenario), first.Count(m => m), first.Count, breaches,
            flips, shortest, expired, declinedOffers, missedOffers, scenario.Routing.Promise(ChannelKind.WebChat).TotalSeconds)
        {
            ShortestBusySpell = HubDayResult.ShortestSpellOf(widgetStates, WidgetAvailability.Busy),
            Advice = await AdviceAsync(),
        };
    }

    /// <summary>
    /// The product's staffing advice for the day just run (GET /api/reports/staffing as a supervisor, concurrency = the
    /// operators' capacity): operators needed per clock hour, the larger of its two half hours.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, int>> AdviceAsync()
    {
        const string email = "supervisor@shop.test";
        await using (var scope = hub.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Omnichannel.Hub.Operators.OperatorAccounts>().CreateAsync(email, "Supervisor", Password, Omnichannel.Hub.Operators.Roles.Supervisor, CancellationToken.None);
        var login = await SimulatedHub.ReadAsync<Omnichannel.Hub.Operators.LoginResponse>(
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Password }));
        using var http = hub.Http(login.AccessToken);
        var day = Midnight.UtcDateTime;
        var plan = await SimulatedHub.ReadAsync<Omnichannel.Hub.Staffing.StaffingPlan>(
            await http.GetAsync($"/api/reports/staffing?from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&channel=WebChat&concurrency={scenario.Capacity}"));
        return plan.Slots.GroupBy(s => s.HalfHour / 2).ToDictionary(g => g.Key, g => g.Max(s => s.Operators));
    }
}
