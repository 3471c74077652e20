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
            var form = MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", "+3464" + Random.Shared.Next(1_000_000, 9_999_999)),
                ("SM1f0e8ae6ade43cb3c0ce4525424e404f", "SM" + Guid.NewGuid().ToString("N")));
            (await hub.PostTwilioAsync("/webhooks/twilio", form)).EnsureSuccessStatusCode();
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
}
