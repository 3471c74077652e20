using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Routing;

/// <summary>Pure: where a conversation stands in the routing queue.</summary>
public static class QueueRules
{
    /// <summary>
    /// The deadline the queue orders by while the conversation waits for a human (waiting, unassigned, not automatic):
    /// the running SLA clock's due time, else arrival + the channel's promise. Null when it is not in the queue.
    /// </summary>
    public static DateTime? Deadline(Conversation c, TimeSpan promise) =>
        c.State == ConversationState.Waiting && c.AssignedOperatorId is null && !c.Automatic
            ? c.SlaDueAt ?? (c.WaitingSince ?? c.LastMessageAt) + promise
            : null;
}

/// <summary>
/// Stamps <see cref="Conversation.QueueDeadline"/> on every saved conversation, so whichever code path changes a
/// conversation's state, assignment or clock, the queue index follows in the same transaction.
/// </summary>
public sealed class QueueStamp(IOptions<RoutingOptions> options) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <remarks>
    /// Every tracked conversation is stamped from its current values, without detecting changes first: the deadline
    /// depends on nothing else, so one that has not changed keeps its value; what is set here is marked modified through
    /// the entry (<see cref="Storage.StoredValueGuard"/> runs next and detects the rest once for both).
    /// </remarks>
    public void Stamp(DbContext? context)
    {
        if (context is null)
            return;
        foreach (var entry in Storage.TrackedEntries.Undetected<Conversation>(context.ChangeTracker))
        {
            if (entry.State is EntityState.Deleted or EntityState.Detached)
                continue;
            var deadline = QueueRules.Deadline(entry.Entity, options.Value.Promise(entry.Entity.Channel));
            // Through the entry: marked modified at once, whether or not changes are detected again before the save.
            if (entry.Entity.QueueDeadline != deadline)
                entry.Property(c => c.QueueDeadline).CurrentValue = deadline;
        }
    }
}
