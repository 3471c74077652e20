using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// The queue kept as an index (issue 18) answers exactly what a computation over every conversation would: random
/// queues (channels, states, assignments, automatic mail, SLA clocks or none, tied deadlines, offers out, declined,
/// broadcast) are written through the hub's own DbContext, and the queue's order, the web chat count, each visitor's
/// place and predicted wait are compared with a brute-force computation over the same rows.
/// </summary>
public sealed class QueuePlacePropertyTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(T0.AddMinutes(1)));
    private readonly HubFactory hub;

    public QueuePlacePropertyTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    /// <param name="Offer">0 none, 1 pending, 2 pending broadcast, 3 declined.</param>
    public sealed record Row(ChannelKind Channel, ConversationState State, int Operator, bool Automatic, int Sla, int Since, int Last, int Offer, int OfferedTo);

    private static readonly Gen<Row> RowGen = Gen.Select(
        Gen.Int[0, 3].Select(i => new[] { ChannelKind.WebChat, ChannelKind.WebChat, ChannelKind.Email, ChannelKind.WhatsApp }[i]),
        Gen.Int[0, 4].Select(i => i < 3 ? ConversationState.Waiting : i == 3 ? ConversationState.Assigned : ConversationState.Closed),
        Gen.Int[-3, 2], Gen.Int[0, 9], Gen.Int[-1, 40], Gen.Int[-1, 40], Gen.Int[0, 40],
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2]),
        (channel, state, op, automatic, sla, since, last, offer) =>
            new Row(channel, state, state == ConversationState.Waiting && op < 0 ? -1 : Math.Max(op, 0), automatic == 0, sla, since, last, offer.Item1 > 3 ? 0 : offer.Item1, offer.Item2));

    [Fact]
    public async Task QueueOrder_WebChatCount_PlacesAndWaits_EqualTheBruteForceComputation()
    {
        _ = hub.BaseAddress;
        var operators = new List<long>();
        long contactId;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var ops = Enumerable.Range(0, 3).Select(i => new Operator { Email = $"prop-{i}@example.com", DisplayName = $"Operator {i}", CreatedAt = T0 }).ToList();
            var contact = new Contact { DisplayName = "Property", CreatedAt = T0 };
            db.AddRange(ops);
            db.Add(contact);
            await db.SaveChangesAsync();
            operators = [.. ops.Select(o => o.Id)];
            contactId = contact.Id;
        }
        var world = Gen.Select(RowGen.List[0, 40], Gen.Int[0, 3].Array[3], Gen.Bool.Array[3]);
        await world.SampleAsync(async w => await CheckAsync(w.Item1, w.Item2, w.Item3, operators, contactId), iter: 25, threads: 1);
    }

    private async Task CheckAsync(List<Row> rows, int[] liveCapacity, bool[] available, List<long> operators, long contactId)
    {
        var routing = hub.Provider.GetRequiredService<IOptions<RoutingOptions>>().Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Offers.ExecuteDeleteAsync();
        await db.Conversations.ExecuteDeleteAsync();
        for (var i = 0; i < operators.Count; i++)
        {
            var (id, slots, presence) = (operators[i], liveCapacity[i], available[i] ? Presence.Available : Presence.Offline);
            await db.Operators.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.LiveCapacity, slots).SetProperty(o => o.Presence, presence));
        }
        var conversations = rows.Select((r, i) => new Conversation
        {
            ContactId = contactId, Channel = r.Channel, ContactHandle = $"prop-visitor-{i}", State = r.State,
            AssignedOperatorId = r.Operator < 0 ? null : operators[r.Operator], Automatic = r.Automatic,
            SlaDueAt = r.Sla < 0 ? null : T0.AddSeconds(r.Sla), WaitingSince = r.Since < 0 ? null : T0.AddSeconds(r.Since), LastMessageAt = T0.AddSeconds(r.Last),
            CreatedAt = T0, ClosedAt = r.State == ConversationState.Closed ? T0 : null,
        }).ToList();
        db.Conversations.AddRange(conversations);
        await db.SaveChangesAsync();
        db.Offers.AddRange(rows.Select((r, i) => (r, i)).Where(x => x.r.Offer > 0).Select(x => new Offer
        {
            ConversationId = conversations[x.i].Id, OperatorId = operators[x.r.OfferedTo], OfferedAt = T0, ExpiresAt = T0.AddHours(1),
            State = x.r.Offer == 3 ? OfferState.Declined : OfferState.Pending, Broadcast = x.r.Offer == 2, Live = x.r.Channel.IsLive(),
        }));
        await db.SaveChangesAsync();

        // Brute force over the rows, as the router defined the queue before it was an index.
        bool Pending(int i) => rows[i].Offer is 1 or 2;
        bool Queued(int i) => conversations[i].State == ConversationState.Waiting && conversations[i].AssignedOperatorId is null && !rows[i].Automatic && !Pending(i);
        DateTime Deadline(int i) => conversations[i].SlaDueAt ?? (conversations[i].WaitingSince ?? conversations[i].LastMessageAt) + routing.Promise(conversations[i].Channel);
        var queue = Enumerable.Range(0, rows.Count).Where(Queued).OrderBy(Deadline).ThenBy(i => conversations[i].Id).ToList();
        var webChats = queue.Where(i => rows[i].Channel == ChannelKind.WebChat).ToList();

        var queries = scope.ServiceProvider.GetRequiredService<RoutingQueries>();
        var paged = new List<QueuedConversation>();
        for (List<QueuedConversation> page; (page = await queries.QueuePageAsync(paged.Count == 0 ? null : (paged[^1].Deadline, paged[^1].Id), false, false, 3, default)).Count > 0;)
            paged.AddRange(page);
        Assert.Equal(queue.Select(i => conversations[i].Id), paged.Select(q => q.Id));
        Assert.Equal(queue.Select(Deadline), paged.Select(q => q.Deadline));
        var webQueue = scope.ServiceProvider.GetRequiredService<WebChatQueue>();
        Assert.Equal(webChats.Count, await webQueue.CountAsync(default));

        var live = Enumerable.Range(0, operators.Count).Where(o => available[o]).Select(o =>
        {
            // An operator's live load: web chats assigned to them plus web chat offers out to them (each counts).
            var load = Enumerable.Range(0, rows.Count).Count(i => rows[i].Channel == ChannelKind.WebChat
                    && conversations[i].State == ConversationState.Assigned && conversations[i].AssignedOperatorId == operators[o])
                + Enumerable.Range(0, rows.Count).Count(i => rows[i].Channel == ChannelKind.WebChat && Pending(i) && rows[i].OfferedTo == o);
            return (Total: liveCapacity[o], Free: Math.Max(0, liveCapacity[o] - load));
        }).ToList();
        var capacity = new LiveCapacity(live.Sum(l => l.Total), live.Sum(l => l.Free), webChats.Count);
        var handle = HandleTimeEstimate.From(routing.DefaultHandleTime, new AvailabilityOptions().PriorWeight, []);
        var wait = scope.ServiceProvider.GetRequiredService<VisitorWait>();
        Assert.Equal(capacity, await WidgetStateService.LiveCapacityAsync(scope.ServiceProvider, default));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Channel != ChannelKind.WebChat)
                continue;
            var place = webChats.IndexOf(i) + 1;
            Assert.Equal(place == 0 ? null : place, await webQueue.PlaceAsync(conversations[i].Id, default));
            var dto = await wait.ForVisitorAsync(conversations[i].ContactHandle, default);
            if (conversations[i].State == ConversationState.Closed)
            {
                Assert.Null(dto);
                continue;
            }
            var position = conversations[i].AssignedOperatorId is not null || Pending(i) ? 0 : place == 0 ? webChats.Count + 1 : place;
            var waited = now - (conversations[i].WaitingSince ?? conversations[i].LastMessageAt);
            var (predicted, slipping) = VisitorWaitRules.Evaluate(position, capacity, handle, routing.AcceptTime, routing.Promise(ChannelKind.WebChat), waited, new AvailabilityOptions());
            Assert.Equal((position, predicted is { } p ? (int?)Math.Ceiling(p.TotalSeconds) : null, slipping), (dto!.Position, dto.PredictedWaitSeconds, dto.Slipping));
        }
    }
}
