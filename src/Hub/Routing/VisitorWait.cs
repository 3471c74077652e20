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

/// <summary>
/// Pure: the wait from a place in the queue — the availability gate's own model (<see cref="AvailabilityGate"/>: the
/// handle-time belief, the live slots, the target quantile), so the widget's promise and the visitor's figure agree.
/// </summary>
public static class VisitorWaitRules
{
    /// <param name="position">1-based place among the web chats waiting without an operator; 0 when offered or assigned.</param>
    public static (TimeSpan? Predicted, bool Slipping) Evaluate(int position, LiveCapacity capacity, HandleTimeEstimate handle, TimeSpan acceptTime, TimeSpan promise,
        TimeSpan waited, AvailabilityOptions options)
    {
        // The visitor at place p has p − 1 chats before them: the gate's "next visitor" with that queue.
        var predicted = position == 0 ? acceptTime
            : AvailabilityGate.Decide(new GateInput(true, capacity with { Queued = position - 1 }, handle, acceptTime, promise), options).PredictedWait;
        return (predicted, predicted is not { } p || waited + p > promise);
    }
}

/// <summary>Answers the widget's Waiting() call for the visitor's current conversation.</summary>
public sealed class VisitorWait(
    OmnichannelDb db, WebChatQueue queue, HandleTimeLearner handleTimes, IServiceProvider services, IOptions<RoutingOptions> routing,
    IOptions<AvailabilityOptions> availability, TimeProvider time)
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
        var capacity = await WidgetStateService.LiveCapacityAsync(services, cancellationToken);
        // Not (or no longer) in the queue without an operator, e.g. automatic: behind everyone.
        var position = operatorId is not null ? 0 : await queue.PlaceAsync(conversation.Id, cancellationToken) ?? capacity.Queued + 1;
        var promise = routing.Value.Promise(ChannelKind.WebChat);
        var waited = time.GetUtcNow().UtcDateTime - conversation.WaitingSince;
        if (waited < TimeSpan.Zero)
            waited = TimeSpan.Zero;
        var (predicted, slipping) = VisitorWaitRules.Evaluate(position, capacity, await handleTimes.EstimateAsync(ChannelKind.WebChat, cancellationToken),
            routing.Value.AcceptTime, promise, waited, availability.Value);
        return new VisitorWaitDto(conversation.Id, position, predicted is { } p ? (int)Math.Ceiling(p.TotalSeconds) : null,
            (int)promise.TotalSeconds, (int)waited.TotalSeconds, slipping, name);
    }
}
