using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Reads what the router needs: available operators with their load, and the queue. Every read is bounded by the
/// operators or by a page of the queue — never by the number of open conversations (issue 18): the queue is the
/// <see cref="Conversation.QueueDeadline"/> index, and only the few conversations with an offer out are read whole.
/// </summary>
public sealed class RoutingQueries(OmnichannelDb db)
{
    /// <summary>How many queued conversations the drain reads at a time.</summary>
    public const int PageSize = 200;

    public async Task<List<Candidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var operators = await db.Operators.AsNoTracking().Where(o => o.Presence == Presence.Available && !o.Disabled).ToListAsync(cancellationToken);
        if (operators.Count == 0)
            return [];
        var ids = operators.Select(o => o.Id).ToList();
        var teams = (await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.OperatorId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.OperatorId, m => m.TeamId);
        // Only the available operators' open conversations (IX_Conversations_OperatorLoad), not every assigned one.
        var assigned = await db.Conversations.AsNoTracking()
            .Where(c => c.AssignedOperatorId != null && ids.Contains(c.AssignedOperatorId.Value) && c.State == ConversationState.Assigned)
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
        // Languages count as skills: a rule needing "nl" finds operators who speak Dutch.
        return [.. operators.Select(o => new Candidate(o.Id, o.Presence, o.LiveCapacity, o.AsyncCapacity, Load(o.Id, true), Load(o.Id, false),
            o.Languages.Count == 0 ? o.Skills : [.. o.Skills.Union(o.Languages)], o.LastAssignedAt, o.AutoAccept)
        {
            Version = o.RoutingVersion,
            Teams = [.. teams[o.Id]],
        })];
    }

    /// <summary>One conversation as the router sees it, when it is in the queue with no offer out (else empty).</summary>
    public Task<List<QueuedConversation>> QueueAsync(long conversationId, CancellationToken cancellationToken) =>
        ReadAsync(Queued().Where(c => c.Id == conversationId), cancellationToken);

    /// <summary>
    /// The queue with no offer out, earliest deadline first (then id), from just after <paramref name="after"/>, at most
    /// <paramref name="take"/> conversations; <paramref name="liveOnly"/>/<paramref name="asyncOnly"/> narrow it to the
    /// channels someone has room for.
    /// </summary>
    public Task<List<QueuedConversation>> QueuePageAsync((DateTime Deadline, long Id)? after, bool liveOnly, bool asyncOnly, int take, CancellationToken cancellationToken)
    {
        var query = Queued();
        if (liveOnly)
            query = query.Where(c => c.Channel == ChannelKind.WebChat);
        if (asyncOnly)
            query = query.Where(c => c.Channel != ChannelKind.WebChat);
        if (after is var (deadline, id))
            query = query.Where(c => c.QueueDeadline >= deadline).Where(c => c.QueueDeadline != deadline || c.Id > id);
        return ReadAsync(query.OrderBy(c => c.QueueDeadline).ThenBy(c => c.Id).Take(take), cancellationToken);
    }

    /// <summary>All of the queue (tests and tools; the hub itself reads it a page at a time).</summary>
    public async Task<List<QueuedConversation>> WholeQueueAsync(CancellationToken cancellationToken)
    {
        var all = new List<QueuedConversation>();
        for (List<QueuedConversation> page; (page = await QueuePageAsync(all.Count == 0 ? null : (all[^1].Deadline, all[^1].Id), false, false, PageSize, cancellationToken)).Count > 0;)
            all.AddRange(page);
        return all;
    }

    private IQueryable<Conversation> Queued() => db.Conversations.AsNoTracking()
        .Where(c => c.QueueDeadline != null && c.State == ConversationState.Waiting && c.AssignedOperatorId == null && !c.Automatic)
        .Where(c => !db.Offers.Any(o => o.ConversationId == c.Id && o.State == OfferState.Pending));

    private async Task<List<QueuedConversation>> ReadAsync(IQueryable<Conversation> query, CancellationToken cancellationToken)
    {
        var rows = await query
            .Select(c => new { c.Id, c.Channel, Deadline = c.QueueDeadline!.Value, c.RequiredSkills, c.RequiredTeamId, c.RoutingVersion })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Id).ToList();
        var excluded = (await db.Offers.AsNoTracking()
                .Where(o => ids.Contains(o.ConversationId) && (o.State == OfferState.Declined || o.State == OfferState.Expired) && !o.Broadcast)
                .Select(o => new { o.ConversationId, o.OperatorId }).ToListAsync(cancellationToken))
            .ToLookup(o => o.ConversationId, o => o.OperatorId);
        return [.. rows.Select(r => new QueuedConversation(r.Id, r.Channel, r.Deadline, r.RequiredSkills)
            {
                Excluded = excluded[r.Id].ToHashSet(),
                TeamId = r.RequiredTeamId,
                Version = r.RoutingVersion,
            }).OrderBy(q => q.Deadline).ThenBy(q => q.Id)];
    }
}
