using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>Reads what the router needs: available operators with their load, and the queue.</summary>
public sealed class RoutingQueries(OmnichannelDb db, IOptions<RoutingOptions> options)
{
    public async Task<List<Candidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var operators = await db.Operators.AsNoTracking().Where(o => o.Presence == Presence.Available).ToListAsync(cancellationToken);
        if (operators.Count == 0)
            return [];
        var assigned = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Assigned && c.AssignedOperatorId != null)
            .GroupBy(c => new { Operator = c.AssignedOperatorId!.Value, Live = c.Channel == ChannelKind.WebChat })
            .Select(g => new { g.Key.Operator, g.Key.Live, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var offered = await db.Offers.AsNoTracking()
            .Where(o => o.State == OfferState.Pending)
            .Join(db.Conversations, o => o.ConversationId, c => c.Id, (o, c) => new { o.OperatorId, Live = c.Channel == ChannelKind.WebChat })
            .GroupBy(x => new { x.OperatorId, x.Live })
            .Select(g => new { Operator = g.Key.OperatorId, g.Key.Live, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Load(long id, bool live) =>
            assigned.Where(a => a.Operator == id && a.Live == live).Sum(a => a.Count) + offered.Where(a => a.Operator == id && a.Live == live).Sum(a => a.Count);
        return [.. operators.Select(o => new Candidate(o.Id, o.Presence, o.LiveCapacity, o.AsyncCapacity, Load(o.Id, true), Load(o.Id, false), o.Skills, o.LastAssignedAt, o.AutoAccept)
        {
            Version = o.RoutingVersion,
        })];
    }

    /// <summary>Conversations waiting for a human with no offer out, earliest SLA deadline first (arrival + channel promise when no clock runs).</summary>
    public async Task<List<QueuedConversation>> QueueAsync(CancellationToken cancellationToken, long? onlyId = null)
    {
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Waiting && c.AssignedOperatorId == null)
            .Where(c => onlyId == null || c.Id == onlyId)
            .Where(c => !db.Offers.Any(o => o.ConversationId == c.Id && o.State == OfferState.Pending))
            .Select(c => new { c.Id, c.Channel, WaitingSince = c.WaitingSince ?? c.LastMessageAt, c.SlaDueAt, c.RequiredSkills, c.RoutingVersion })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Id).ToList();
        var excluded = (await db.Offers.AsNoTracking()
                .Where(o => ids.Contains(o.ConversationId) && (o.State == OfferState.Declined || o.State == OfferState.Expired) && !o.Broadcast)
                .Select(o => new { o.ConversationId, o.OperatorId }).ToListAsync(cancellationToken))
            .ToLookup(o => o.ConversationId, o => o.OperatorId);
        return [.. rows.Select(r => new QueuedConversation(r.Id, r.Channel, r.SlaDueAt ?? r.WaitingSince + options.Value.Promise(r.Channel), r.RequiredSkills)
            {
                Excluded = excluded[r.Id].ToHashSet(),
                Version = r.RoutingVersion,
            }).OrderBy(q => q.Deadline)];
    }
}
