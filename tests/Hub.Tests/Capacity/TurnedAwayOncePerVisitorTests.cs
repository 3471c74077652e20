using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>Turned-away demand counts visitors: browsing several pages while chat is busy records the visitor once per busy spell.</summary>
public sealed class TurnedAwayOncePerVisitorTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task AVisitorBrowsingWhileBusy_IsTurnedAwayOnce_AnotherVisitorCountsToo()
    {
        // Nobody online: the widget is busy.
        var http = hub.Http();
        foreach (var page in new[] { "/", "/shoes", "/shoes/red", "/cart" })
            (await http.GetAsync($"/api/widget/bootstrap?path={page}&visitor=ada")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/widget/bootstrap?path=/&visitor=bob")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/widget/bootstrap?path=/")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/widget/bootstrap?path=/faq")).EnsureSuccessStatusCode();

        await using var scope = hub.Provider.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<TurnedAway>().Where(t => t.Kind == TurnedAwayKind.PageViewBusy).ToListAsync();
        // Ada (4 pages), Bob, and one loader that sent no id (the same address and browser twice).
        Assert.Equal(["/", "/", "/"], rows.Select(r => r.Path).ToList());
    }
}
