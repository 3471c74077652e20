using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>Routing decisions taken at the same moment (two engines, as on two hub processes): the database claim lets one win.</summary>
public sealed class ConcurrentRoutingTests : IDisposable
{
    private readonly MessagingHub hub = new();

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task TwoEnginesHandingOutTheQueueAtOnce_NeverOfferAnOperatorMoreThanTheirCapacity()
    {
        // Six WhatsApp customers wait while nobody is available.
        for (var i = 0; i < 6; i++)
        {
            await hub.WhatsAppFromAsync("+3464" + Random.Shared.Next(1_000_000, 9_999_999));
        }
        var ada = await hub.CreateOperatorAsync("Ada");
        var bo = await hub.CreateOperatorAsync("Bo");
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            // Available with room for two asynchronous conversations each, set directly so nothing routes yet.
            await db.Operators.Where(o => o.Id == ada.Id || o.Id == bo.Id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Presence, Operators.Presence.Available).SetProperty(o => o.AsyncCapacity, 2));
        }

        // Each engine reads the same queue and the same free capacity, then both act on it.
        var engines = Enumerable.Range(0, 4).Select(_ => hub.Provider.CreateAsyncScope()).ToList();
        try
        {
            await Task.WhenAll(engines.Select(s => Task.Run(() => s.ServiceProvider.GetRequiredService<RoutingEngine>().DrainAsync(CancellationToken.None))));
        }
        finally
        {
            foreach (var scope in engines)
                await scope.DisposeAsync();
        }

        await using var check = hub.Provider.CreateAsyncScope();
        var offers = await check.ServiceProvider.GetRequiredService<OmnichannelDb>().Offers.AsNoTracking()
            .Where(o => o.State == OfferState.Pending).ToListAsync();
        Assert.Equal(4, offers.Count);
        Assert.All(offers.GroupBy(o => o.OperatorId), g => Assert.Equal(2, g.Count()));
        Assert.Equal(4, offers.Select(o => o.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task EightEnginesRoutingNewConversationsAtOnce_AssignEveryOneOnce_UpToEachOperatorsCapacity()
    {
        // Sixteen WhatsApp customers wait while nobody is available.
        for (var i = 0; i < 16; i++)
        {
            await hub.WhatsAppFromAsync("+3465" + (1_000_000 + i));
        }
        var ada = await hub.CreateOperatorAsync("Ada");
        var bo = await hub.CreateOperatorAsync("Bo");
        List<long> waiting;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            // Auto-accepting, with room for exactly the sixteen between them; set directly so nothing routes yet.
            await db.Operators.Where(o => o.Id == ada.Id || o.Id == bo.Id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Presence, Operators.Presence.Available).SetProperty(o => o.AsyncCapacity, 8).SetProperty(o => o.AutoAccept, true));
            waiting = await db.Conversations.Select(c => c.Id).ToListAsync();
        }
        Assert.Equal(16, waiting.Count);

        // Eight engines (the event workers of two hub processes) each route their share at once: every decision reads
        // the same least-loaded operator, and all but one find that operator's version moved on by the time they claim.
        await Task.WhenAll(waiting.Chunk(2).Select(share => Task.Run(async () =>
        {
            foreach (var id in share)
            {
                await using var scope = hub.Provider.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RoutingEngine>().RouteAsync(id, CancellationToken.None);
            }
        })));

        await using var check = hub.Provider.CreateAsyncScope();
        var checkDb = check.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var assigned = await checkDb.Conversations.AsNoTracking().Select(c => new { c.Id, c.State, c.AssignedOperatorId }).ToListAsync();
        Assert.All(assigned, c => Assert.Equal(Omnichannel.Hub.Conversations.ConversationState.Assigned, c.State));
        var accepted = await checkDb.Offers.AsNoTracking().Where(o => o.State == OfferState.Accepted).ToListAsync();
        Assert.Equal(16, accepted.Count);
        Assert.Equal(16, accepted.Select(o => o.ConversationId).Distinct().Count());
        Assert.All(accepted.GroupBy(o => o.OperatorId), g => Assert.Equal(8, g.Count()));
        Assert.All(assigned, c => Assert.Equal(accepted.Single(o => o.ConversationId == c.Id).OperatorId, c.AssignedOperatorId));
    }
}
