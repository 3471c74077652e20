using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>
/// An auto-accepting operator is assigned a new web chat by the routing claim itself (one conditional update assigns
/// it): everything that used to follow from saving the conversation again still holds — the console hears it assigned,
/// the accepted offer, the timeline, the operator's stamp, load and busy spell, and it leaves the queue.
/// </summary>
public sealed class AutoAcceptTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public AutoAcceptTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task ANewWebChat_IsAssignedToTheAutoAcceptingOperator_WithItsOfferTimelineLoadAndBusySpell()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 2, autoAccept = true })).EnsureSuccessStatusCode();
        await using var console = await ada.ConnectConsoleAsync();
        var adaId = ada.Operator.Id;

        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Is the blue one in stock?");

        var pushed = await console.Conversations.WaitAsync(c => c.Id == ack.ConversationId && c.State == ConversationState.Assigned);
        Assert.Equal(adaId, pushed.AssignedOperatorId);
        Assert.DoesNotContain(console.Offers.Seen, o => o.ConversationId == ack.ConversationId);

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == ack.ConversationId);
        Assert.Equal((ConversationState.Assigned, (long?)adaId, (DateTime?)null), (conversation.State, conversation.AssignedOperatorId, conversation.QueueDeadline));
        var offer = await db.Offers.AsNoTracking().SingleAsync(o => o.ConversationId == ack.ConversationId);
        Assert.Equal((adaId, OfferState.Accepted, (DateTime?)now, true), (offer.OperatorId, offer.State, offer.AnsweredAt, offer.Live));
        Assert.Contains(await db.Timeline.AsNoTracking().Where(t => t.ConversationId == ack.ConversationId).ToListAsync(),
            t => t.Kind == TimelineKind.AutoAccepted && t.OperatorId == adaId);
        var me = await db.Operators.AsNoTracking().SingleAsync(o => o.Id == adaId);
        Assert.Equal(((DateTime?)now, 1, 0), (me.LastAssignedAt, me.LiveLoad, me.AsyncLoad));
        Assert.Single(await db.Set<BusySpell>().AsNoTracking().Where(s => s.OperatorId == adaId && s.EndedAt == null).ToListAsync());
        var queue = await scope.ServiceProvider.GetRequiredService<RoutingQueries>().WholeQueueAsync(CancellationToken.None);
        Assert.DoesNotContain(queue, q => q.Id == ack.ConversationId);
    }

    [Fact]
    public async Task TheConsoleStillShowsTheNewChatAssigned_AfterItsMessageIsPushed()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 2, autoAccept = true })).EnsureSuccessStatusCode();
        await using var console = await ada.ConnectConsoleAsync();

        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Do you ship to Ghent?");

        // The message's push comes after every conversation push of its handling, on the same connection.
        await console.Messages.WaitAsync(m => m.ConversationId == ack.ConversationId);
        var pushes = console.Conversations.SoFar().Where(c => c.Id == ack.ConversationId).ToList();
        Assert.NotEmpty(pushes);
        Assert.All(pushes, c => Assert.Equal((ConversationState.Assigned, (long?)ada.Operator.Id), (c.State, c.AssignedOperatorId)));
    }
}
