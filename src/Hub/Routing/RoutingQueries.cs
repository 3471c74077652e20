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

    /// <summary>
    /// The available operators with their teams and their load (assigned and offered, live and async): one statement
    /// reading each operator's row and their team memberships — their load is kept on the row by the database
    /// (<see cref="Operator.LiveLoad"/>), so the read is bounded by the operators, never by their conversations.
    /// </summary>
    /// <param name="only">Just this operator (a decision re-checked against their fresh load), or everyone.</param>
    public async Task<List<Candidate>> CandidatesAsync(CancellationToken cancellationToken, long? only = null)
    {
        var candidates = new List<Candidate>();
        // Languages count as skills: a rule needing "nl" finds operators who speak Dutch.
        await foreach (var r in Available.For(db)(db, only).WithCancellation(cancellationToken))
            candidates.Add(new Candidate(r.Id, r.Presence, r.LiveCapacity, r.AsyncCapacity, r.LiveLoad, r.AsyncLoad,
                r.Languages.Count == 0 ? r.Skills : [.. r.Skills.Union(r.Languages)], r.LastAssignedAt, r.AutoAccept)
            {
                Version = r.RoutingVersion,
                Teams = [.. r.Teams],
            });
        return candidates;
    }

    /// <summary>Compiled once: it runs for every routing decision (twice for a new conversation).</summary>
    private static readonly PerModel<Func<OmnichannelDb, long?, IAsyncEnumerable<CandidateRow>>> Available = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, long? only) =>
            db.Operators.AsNoTracking()
                .Where(o => o.Presence == Presence.Available && !o.Disabled && (only == null || o.Id == only))
                .Select(o => new CandidateRow(o.Id, o.Presence, o.LiveCapacity, o.AsyncCapacity, o.LiveLoad, o.AsyncLoad, o.Skills, o.Languages,
                    o.LastAssignedAt, o.AutoAccept, o.RoutingVersion, db.TeamMembers.Where(m => m.OperatorId == o.Id).Select(m => m.TeamId).ToList()))));

    private sealed record CandidateRow(long Id, Presence Presence, int LiveCapacity, int AsyncCapacity, int LiveLoad, int AsyncLoad,
        List<string> Skills, List<string> Languages, DateTime? LastAssignedAt, bool AutoAccept, long RoutingVersion, List<long> Teams);

    /// <summary>One conversation as the router sees it, when it is in the queue with no offer out (else empty).</summary>
    public Task<List<QueuedConversation>> QueueAsync(long conversationId, CancellationToken cancellationToken) =>
        ReadAsync(Queued().Where(c => c.Id == conversationId), cancellationToken);

    /// <summary>Those of these conversations that are in the queue with no offer out (a routing group's: a few dozen at most).</summary>
    public async Task<Dictionary<long, QueuedConversation>> QueueAsync(IReadOnlyCollection<long> conversationIds, CancellationToken cancellationToken) =>
        conversationIds.Count == 0 ? []
            : (await ReadAsync(Queued().Where(c => conversationIds.Contains(c.Id)), cancellationToken)).ToDictionary(q => q.Id);

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
