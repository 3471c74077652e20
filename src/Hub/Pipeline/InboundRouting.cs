using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Routing.Rules;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// The conversations an inbound group just created are routed in the writer's own write turn and transaction (SQLite):
/// a new contact's first message took two turns and two commits — the writer's, then a routing group's — and with new
/// contacts arriving that one turn was busy 88–92 % of the time (docs/performance.md, session 23). The routing rules
/// give each its needs and the decisions are taken as a routing group takes them, on what is read inside the
/// transaction; they commit (and are synced) with the messages, and the message's event handler publishes them
/// instead of routing again. Anything thrown rolls the group back: the writer's careful path stores it again without
/// this step, and each event's handler routes as before. A reopened conversation (it may have had offers) is routed by
/// its event's handler.
/// </summary>
/// <remarks>Resolved from the writer's scope: the engine and the rules step share its context and connection.</remarks>
public sealed class InboundRouting(RoutingEngine engine, RoutingNeedsStep needs, RoutingGroups groups)
{
    /// <summary>Only where decisions are grouped in the one write turn (SQLite); on PostgreSQL an inbound transaction
    /// would hold operators' row locks that other nodes' routers wait for.</summary>
    public bool Enabled => groups.Enabled;

    /// <summary>Routes the group's new waiting conversations; each one's decision rides on its outcome
    /// (<see cref="StoredInbound.Routed"/>). Runs after the group's last save, before its commit.</summary>
    public async Task DecideAsync(OmnichannelDb db, PersistOutcome?[] outcomes)
    {
        var created = new List<int>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is { Stored: { Created: true } stored } && Waits(stored.Conversation))
                created.Add(i);
        }
        if (created.Count == 0)
            return;
        // What the group saved is in the database: the decisions' own save must find nothing else to write.
        db.ChangeTracker.Clear();
        var requests = new List<RoutingRequest>(created.Count);
        foreach (var i in created)
        {
            var stored = outcomes[i]!.Value.Stored!;
            await needs.ApplyAsync(stored, CancellationToken.None);
            requests.Add(new RoutingRequest(stored.Conversation.Id, QueuedConversation.Created(stored.Conversation)));
        }
        var decisions = await engine.DecideInTransactionAsync(requests, CancellationToken.None);
        db.ChangeTracker.Clear();
        for (var k = 0; k < created.Count; k++)
        {
            var outcome = outcomes[created[k]]!.Value;
            outcomes[created[k]] = outcome with { Stored = outcome.Stored! with { Routed = decisions[k] } };
        }
        MessageFlowMetrics.RoutedWithTheirMessages(created.Count);
    }

    /// <summary>Waiting for a human (the handler's own test): automatic mail waits for nobody.</summary>
    public static bool Waits(Conversation conversation) =>
        conversation.State == ConversationState.Waiting && conversation.AssignedOperatorId is null && !conversation.Automatic;
}
