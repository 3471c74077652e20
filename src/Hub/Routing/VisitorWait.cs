using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Where a waiting visitor stands: their place in the live chat queue (1 = next), the predicted wait from there,
/// the promise, how long they have waited, and whether the promise is slipping. <paramref name="Operator"/>: who
/// will answer, once the conversation is offered to or taken by someone.
/// </summary>
public sealed record VisitorWaitDto(long ConversationId, int Position, int? PredictedWaitSeconds, int PromiseSeconds, int WaitedSeconds, bool Slipping, string? Operator);

/// <summary>Pure: the wait from a place in the queue, with the live capacity right now.</summary>
public static class VisitorWaitRules
{
    /// <param name="position">1-based place among the web chats waiting without an operator; 0 when offered or assigned.</param>
    public static (TimeSpan? Predicted, bool Slipping) Evaluate(int position, LiveCapacity capacity, TimeSpan handleTime, TimeSpan acceptTime, TimeSpan promise, TimeSpan waited)
    {
        var predicted = position == 0 ? acceptTime : MeanWait(capacity with { Queued = position - 1 }, handleTime, acceptTime);
        return (predicted, predicted is not { } p || waited + p > promise);
    }

    /// <summary>Mean wait from a place in the queue: slots free up at TotalSlots / handle time. Null when nobody can answer.</summary>
    private static TimeSpan? MeanWait(LiveCapacity capacity, TimeSpan averageHandleTime, TimeSpan acceptTime)
    {
        if (capacity.TotalSlots <= 0)
            return null;
        if (capacity.Queued < capacity.FreeSlots)
            return acceptTime;
        var position = capacity.Queued - capacity.FreeSlots + 1;
        return acceptTime + averageHandleTime * position / capacity.TotalSlots;
    }
}

/// <summary>Answers the widget's Waiting() call for the visitor's current conversation.</summary>
public sealed class VisitorWait(OmnichannelDb db, RoutingQueries queries, WidgetStateService widgetState, IServiceProvider services, IOptions<RoutingOptions> routing, TimeProvider time)
{
    /// <returns>null when the visitor has no conversation waiting for a person (none, closed).</returns>
    public async Task<VisitorWaitDto?> ForVisitorAsync(string visitorId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.State, c.AssignedOperatorId, WaitingSince = c.WaitingSince ?? c.LastMessageAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || conversation.State == ConversationState.Closed)
            return null;
        var operatorId = conversation.AssignedOperatorId ?? await db.Offers.AsNoTracking()
            .Where(o => o.ConversationId == conversation.Id && o.State == OfferState.Pending).Select(o => (long?)o.OperatorId).FirstOrDefaultAsync(cancellationToken);
        var name = operatorId is { } id ? await db.Operators.AsNoTracking().Where(o => o.Id == id).Select(o => o.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
        var position = 0;
        if (operatorId is null)
        {
            var queue = (await queries.QueueAsync(cancellationToken)).Where(q => q.Channel == ChannelKind.WebChat).ToList();
            position = queue.FindIndex(q => q.Id == conversation.Id) + 1;
            if (position == 0)
                position = queue.Count + 1;
        }
        var promise = routing.Value.Promise(ChannelKind.WebChat);
        var waited = time.GetUtcNow().UtcDateTime - conversation.WaitingSince;
        if (waited < TimeSpan.Zero)
            waited = TimeSpan.Zero;
        var (predicted, slipping) = VisitorWaitRules.Evaluate(position, await WidgetStateService.LiveCapacityAsync(services, cancellationToken),
            await widgetState.AverageHandleTimeAsync(db, cancellationToken), routing.Value.AcceptTime, promise, waited);
        return new VisitorWaitDto(conversation.Id, position, predicted is { } p ? (int)Math.Ceiling(p.TotalSeconds) : null,
            (int)promise.TotalSeconds, (int)waited.TotalSeconds, slipping, name);
    }
}
