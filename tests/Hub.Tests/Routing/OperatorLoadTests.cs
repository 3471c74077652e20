using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>An operator's load counts each pending offer against the capacity of its conversation's kind: live (web chat) or async.</summary>
public sealed class OperatorLoadTests : IDisposable
{
    private readonly MessagingHub hub = new();

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task PendingOffers_CountAgainstTheirKindsCapacity_AWhatsAppOfferLeavesRoomForAWebChat_NotForASecondWhatsApp()
    {
        // Two WhatsApp customers wait while nobody is available.
        for (var i = 0; i < 2; i++)
            await hub.WhatsAppFromAsync("+3466" + (1_000_000 + i));
        var ada = await hub.CreateOperatorAsync("Ada");
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            // And a web chat visitor, written directly (no widget here).
            var visitor = new Contact { DisplayName = "Visitor 4F2A", CreatedAt = DateTime.UtcNow };
            var now = DateTime.UtcNow;
            db.Conversations.Add(new Conversation
            {
                Contact = visitor, Channel = ChannelKind.WebChat, ContactHandle = "v-load-test", State = ConversationState.Waiting,
                CreatedAt = now, LastMessageAt = now, WaitingSince = now,
            });
            await db.SaveChangesAsync();
            // Available with room for one live and one async conversation; set directly so nothing routes yet.
            await db.Operators.Where(o => o.Id == ada.Id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Presence, Operators.Presence.Available).SetProperty(o => o.LiveCapacity, 1).SetProperty(o => o.AsyncCapacity, 1));
        }

        await using (var scope = hub.Provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RoutingEngine>().DrainAsync(CancellationToken.None);

        await using var check = hub.Provider.CreateAsyncScope();
        var db2 = check.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var offers = await db2.Offers.AsNoTracking().Where(o => o.State == OfferState.Pending)
            .Join(db2.Conversations, o => o.ConversationId, c => c.Id, (o, c) => new { o.Live, c.Channel }).ToListAsync();
        Assert.Equal([(false, ChannelKind.WhatsApp), (true, ChannelKind.WebChat)],
            offers.Select(o => (o.Live, o.Channel)).OrderBy(o => o.Live));
        var load = Assert.Single(await check.ServiceProvider.GetRequiredService<RoutingQueries>().CandidatesAsync(CancellationToken.None));
        Assert.Equal((1, 1), (load.ActiveLive, load.ActiveAsync));
        Assert.Equal(1, await db2.Conversations.CountAsync(c => c.Channel == ChannelKind.WhatsApp && c.QueueDeadline != null
            && !db2.Offers.Any(o => o.ConversationId == c.Id && o.State == OfferState.Pending)));
    }
}
