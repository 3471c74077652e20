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

    public void Stamp(DbContext? context)
    {
        if (context is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries<Conversation>())
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var deadline = QueueRules.Deadline(entry.Entity, options.Value.Promise(entry.Entity.Channel));
                if (entry.Entity.QueueDeadline != deadline)
                    entry.Entity.QueueDeadline = deadline;
            }
    }
}
