using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>
/// A new contact's conversation is routed in the inbound writer's own transaction, with the message that opened it (SQLite:
/// one write turn and one commit instead of the writer's and then a routing group's). Whatever the path, the decisions
/// hold: nobody is given more than their capacity, the rest wait, and an operator is told of an offer by its stored key.
/// </summary>
public sealed class RoutedOnArrivalTests : IDisposable
{
    private readonly MessagingHub hub = new();

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task NewContactsWritingAtOnce_AreRoutedWithTheirFirstMessages_NobodyOverCapacity_AndNoRoutingTurnOfTheirOwn()
    {
        var operators = await AvailableAsync(capacity: 3);
        var groups = hub.Provider.GetRequiredService<RoutingGroups>();
        var before = groups.Groups;

        // Ten new contacts at once: the writer takes them in one group or a few, whatever the machine's pace.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => hub.WhatsAppFromAsync("+3469" + (1_000_000 + i))));
        await hub.EventsHandledAsync("every message's event is handled");

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var assigned = await db.Conversations.AsNoTracking().Where(c => c.State == ConversationState.Assigned).ToListAsync();
        Assert.Equal(6, assigned.Count);
        Assert.Equal(operators.Order(), assigned.GroupBy(c => c.AssignedOperatorId!.Value).Where(g => g.Count() == 3).Select(g => g.Key).Order());
        Assert.Equal(4, (await scope.ServiceProvider.GetRequiredService<RoutingQueries>().WholeQueueAsync(CancellationToken.None)).Count);
        var accepted = await db.Offers.AsNoTracking().Where(o => o.State == OfferState.Accepted).Select(o => o.ConversationId).ToListAsync();
        Assert.Equal(assigned.Select(c => c.Id).Order(), accepted.Order());
        // On SQLite every decision was taken in the writer's transaction: no routing group was needed for any of them.
        if (groups.Enabled)
            Assert.Equal(before, groups.Groups);
    }

    [Fact]
    public async Task AnOfferMadeWithTheFirstMessage_ReachesTheOperatorByItsStoredKey_AndTheMessageFollows()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await ada.ConnectConsoleAsync();
        (await ada.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        var groups = hub.Provider.GetRequiredService<RoutingGroups>();
        var before = groups.Groups;

        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Do you have this in red?");

        var told = await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
        await console.Messages.WaitAsync(m => m.ConversationId == ack.ConversationId);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var offer = await db.Offers.AsNoTracking().SingleAsync(o => o.ConversationId == ack.ConversationId);
        Assert.Equal((offer.Id, ada.Operator.Id, OfferState.Pending), (told.Id, told.OperatorId, offer.State));
        Assert.Contains(await db.Timeline.AsNoTracking().Where(t => t.ConversationId == ack.ConversationId).ToListAsync(),
            t => t.Kind == TimelineKind.Offered && t.OperatorId == ada.Operator.Id);
        // Told once: the event's handler published the writer's decision, it did not route the conversation again.
        Assert.Single(console.Offers.SoFar(), o => o.ConversationId == ack.ConversationId);
        if (groups.Enabled)
            Assert.Equal(before, groups.Groups);
    }

    /// <summary>Two operators, available and auto-accepting with the given capacity (set directly).</summary>
    private async Task<long[]> AvailableAsync(int capacity)
    {
        var ada = await hub.CreateOperatorAsync("Ada");
        var bo = await hub.CreateOperatorAsync("Bo");
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Operators.Where(o => o.Id == ada.Id || o.Id == bo.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Presence, Operators.Presence.Available)
            .SetProperty(o => o.AsyncCapacity, capacity).SetProperty(o => o.LiveCapacity, capacity).SetProperty(o => o.AutoAccept, true));
        return [ada.Id, bo.Id];
    }
}
