using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// Presence changes. Available: the queue is handed out at once. Away: no new offers, open offers move on.
    /// Offline: open offers move on and the operator's conversations go back to the queue for someone else.
    /// </summary>
    public async Task<Operator?> SetPresenceAsync(long operatorId, Presence presence, CancellationToken cancellationToken, string reason = "operator went offline")
    {
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == operatorId, cancellationToken);
        if (op is null)
            return null;
        // A disabled operator stays offline whatever their console says.
        op.Presence = op.Disabled ? Presence.Offline : presence;
        return await PresenceSetAsync(op, reason, cancellationToken);
    }

    /// <summary>
    /// A console connected: an offline operator becomes available. The change is made only if they are still offline
    /// (one conditional update), so a presence chosen while the console was connecting — "Away" right after logging
    /// in — is never overwritten by the connection's default.
    /// </summary>
    public async Task<Operator?> ConsoleConnectedAsync(long operatorId, CancellationToken cancellationToken)
    {
        var changed = await db.Operators.Where(o => o.Id == operatorId && o.Presence == Presence.Offline && !o.Disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Presence, Presence.Available), cancellationToken);
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == operatorId, cancellationToken);
        return changed == 0 || op is null ? op : await PresenceSetAsync(op, "operator went offline", cancellationToken);
    }

    private async Task<Operator> PresenceSetAsync(Operator op, string reason, CancellationToken cancellationToken)
    {
        var presence = op.Presence;
        events.Add(new PresenceChanged(OperatorDto.From(op)));
        await db.SaveChangesAsync(cancellationToken);
        await BumpOperatorAsync(op.Id, cancellationToken);
        if (presence != Presence.Available)
            await WithdrawOffersOfAsync(op.Id, cancellationToken);
        if (presence == Presence.Offline)
            await RequeueConversationsOfAsync(op.Id, reason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DrainCoreAsync(cancellationToken);
        await PublishAsync(cancellationToken);
        return op;
    }

    /// <summary>Capacity, auto-accept or skills changed: raising capacity hands out the queue at once.</summary>
    public async Task<Operator?> UpdateSettingsAsync(long operatorId, OperatorSettingsRequest settings, CancellationToken cancellationToken)
    {
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Id == operatorId, cancellationToken);
        if (op is null)
            return null;
        op.LiveCapacity = settings.LiveCapacity ?? op.LiveCapacity;
        op.AsyncCapacity = settings.AsyncCapacity ?? op.AsyncCapacity;
        op.AutoAccept = settings.AutoAccept ?? op.AutoAccept;
        op.Skills = settings.Skills is null ? op.Skills : Skills.Normalize(settings.Skills);
        await db.SaveChangesAsync(cancellationToken);
        await BumpOperatorAsync(operatorId, cancellationToken);
        await DrainCoreAsync(cancellationToken);
        await PublishAsync(cancellationToken);
        return op;
    }

    /// <summary>Hands a conversation to a colleague who is not offline.</summary>
    public async Task<Outcome<ConversationDto>> TransferAsync(long conversationId, long fromOperatorId, long toOperatorId, CancellationToken cancellationToken,
        TimelineKind kind = TimelineKind.Transferred)
    {
        Outcome<ConversationDto> outcome;
        {
            var conversation = await db.Conversations.Include(c => c.Contact).FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            var target = await db.Operators.AsNoTracking().FirstOrDefaultAsync(o => o.Id == toOperatorId, cancellationToken);
            if (conversation is null)
                outcome = Outcome<ConversationDto>.NotFound($"Conversation {conversationId} does not exist.");
            else if (target is null)
                outcome = Outcome<ConversationDto>.Invalid($"Operator {toOperatorId} does not exist.");
            else if (target.Presence == Presence.Offline)
                outcome = Outcome<ConversationDto>.Conflict($"{target.DisplayName} is offline.");
            else if (conversation.State == ConversationState.Closed)
                outcome = Outcome<ConversationDto>.Conflict("The conversation is closed.");
            else
            {
                await WithdrawOthersAsync(conversation, exceptOfferId: null, cancellationToken);
                var previous = conversation.AssignedOperatorId;
                await AssignAsync(conversation, toOperatorId, kind, cancellationToken);
                db.Timeline.Local.Last().Detail = kind == TimelineKind.Transferred ? $"from operator {fromOperatorId}"
                    : $"by operator {fromOperatorId}{(previous is { } p ? $", from operator {p}" : "")}";
                await db.SaveChangesAsync(cancellationToken);
                await BumpOperatorAsync(toOperatorId, cancellationToken);
                await DrainCoreAsync(cancellationToken);
                outcome = Outcome<ConversationDto>.Ok(ConversationDto.From(conversation, conversation.Contact!.DisplayName));
            }
        }
        await PublishAsync(cancellationToken);
        return outcome;
    }

    private async Task WithdrawOffersOfAsync(long operatorId, CancellationToken cancellationToken)
    {
        var open = await db.Offers.AsNoTracking().Where(o => o.OperatorId == operatorId && o.State == OfferState.Pending).ToListAsync(cancellationToken);
        foreach (var offer in open)
        {
            if (!await AnswerAsync(offer.Id, OfferState.Cancelled, Now, cancellationToken))
                continue;
            offer.State = OfferState.Cancelled;
            offer.AnsweredAt = Now;
            var conversation = await db.Conversations.Include(c => c.Contact).FirstAsync(c => c.Id == offer.ConversationId, cancellationToken);
            events.Add(new OfferWithdrawn(OfferDto.From(offer, conversation, conversation.Contact!.DisplayName)));
        }
    }

    private async Task RequeueConversationsOfAsync(long operatorId, string reason, CancellationToken cancellationToken)
    {
        var open = await db.Conversations.Include(c => c.Contact)
            .Where(c => c.AssignedOperatorId == operatorId && c.State == ConversationState.Assigned).ToListAsync(cancellationToken);
        foreach (var conversation in open)
        {
            ConversationRules.Reopen(conversation);
            conversation.BroadcastAt = null;
            conversation.SupervisorsAlertedAt = null;
            Record(conversation.Id, TimelineKind.Rerouted, operatorId, reason);
            events.Add(new ConversationChanged(ConversationDto.From(conversation, conversation.Contact!.DisplayName)));
        }
    }
}
