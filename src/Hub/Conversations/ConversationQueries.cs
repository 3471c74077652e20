using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Conversations;

public enum InboxView
{
    /// <summary>Open conversations nobody has taken yet (the shared queue).</summary>
    Waiting,
    /// <summary>Open conversations assigned to me.</summary>
    Mine,
    /// <summary>Every open conversation.</summary>
    All,
    /// <summary>Closed conversations, most recent first.</summary>
    Closed,
    /// <summary>Open conversations holding only automatic mail (auto-replies, bounces, list mail) nobody could place:
    /// never offered or counted, looked at when someone has time.</summary>
    Automatic,
}

/// <summary>What the inbox shows: a view, optional filters, and a page (Offset, Limit ≤ 200).</summary>
public sealed record InboxQuery(InboxView View, ChannelKind? Channel = null, long? LabelId = null, long? AssignedTo = null, int Offset = 0, int Limit = ConversationQueries.PageSize);

/// <summary>Read side for the console and the widget.</summary>
public sealed class ConversationQueries(OmnichannelDb db)
{
    public const int PageSize = 200;

    public Task<List<ConversationDto>> ListAsync(InboxView view, long operatorId, ChannelKind? channel, CancellationToken cancellationToken) =>
        ListAsync(new InboxQuery(view, channel), operatorId, cancellationToken);

    /// <summary>One page of the inbox with its filters (label, channel, operator); Offset pages beyond the first 200.</summary>
    public async Task<List<ConversationDto>> ListAsync(InboxQuery inbox, long operatorId, CancellationToken cancellationToken, Teams.ConversationScope? scope = null)
    {
        var query = db.Conversations.AsNoTracking();
        if (scope is { Everything: false })
            query = query.Where(scope.Predicate());
        query = inbox.View switch
        {
            InboxView.Waiting => query.Where(c => c.State == ConversationState.Waiting && !c.Automatic),
            InboxView.Mine => query.Where(c => c.State == ConversationState.Assigned && c.AssignedOperatorId == operatorId),
            InboxView.Closed => query.Where(c => c.State == ConversationState.Closed),
            // "Open" as the two open states, not "not closed": a lookup of the open ones on (State, …), where "<>" read
            // every conversation ever held.
            InboxView.Automatic => query.Where(c => (c.State == ConversationState.Waiting || c.State == ConversationState.Assigned) && c.Automatic),
            _ => query.Where(c => (c.State == ConversationState.Waiting || c.State == ConversationState.Assigned) && !c.Automatic),
        };
        if (inbox.Channel is { } only)
            query = query.Where(c => c.Channel == only);
        if (inbox.AssignedTo is { } assignee)
            query = query.Where(c => c.AssignedOperatorId == assignee);
        if (inbox.LabelId is { } label)
            query = query.Where(c => db.Set<Labels.ConversationLabel>().Any(l => l.ConversationId == c.Id && l.LabelId == label));
        // Least time left to breach first, across channels (a 30 s chat before a 1-day email); then customers
        // who wait without a clock, longest wait first; then the most recent activity.
        var ordered = inbox.View == InboxView.Closed
            ? query.OrderByDescending(c => c.ClosedAt).ThenByDescending(c => c.Id)
            : query.OrderBy(c => c.SlaDueAt == null).ThenBy(c => c.SlaDueAt)
                .ThenBy(c => c.WaitingSince == null).ThenBy(c => c.WaitingSince).ThenByDescending(c => c.LastMessageAt).ThenBy(c => c.Id);
        var page = await ordered.Skip(Math.Max(0, inbox.Offset)).Take(Math.Clamp(inbox.Limit, 1, PageSize))
            .Select(c => new { Conversation = c, Name = c.Contact!.DisplayName })
            .ToListAsync(cancellationToken);
        var labels = await LabelIdsAsync([.. page.Select(p => p.Conversation.Id)], cancellationToken);
        return [.. page.Select(x => ConversationDto.From(x.Conversation, x.Name) with { LabelIds = labels.GetValueOrDefault(x.Conversation.Id, []) })];
    }

    public async Task<ConversationDto?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var found = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { Conversation = c, Name = c.Contact!.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var labels = await LabelIdsAsync([id], cancellationToken);
        return ConversationDto.From(found.Conversation, found.Name) with { LabelIds = labels.GetValueOrDefault(id, []) };
    }

    private async Task<Dictionary<long, List<long>>> LabelIdsAsync(List<long> conversationIds, CancellationToken cancellationToken) =>
        (await db.Set<Labels.ConversationLabel>().AsNoTracking().Where(l => conversationIds.Contains(l.ConversationId)).ToListAsync(cancellationToken))
            .GroupBy(l => l.ConversationId).ToDictionary(g => g.Key, g => g.Select(l => l.LabelId).ToList());

    /// <summary>What the messaging window of a conversation depends on.</summary>
    public async Task<(ChannelKind Channel, DateTime? LastInboundAt, string? BlockedReason)?> FindWindowAsync(long id, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Channel,
                c.LastInboundAt,
                Blocked = db.ContactIdentities.Where(i => i.Channel == c.Channel && i.Handle == c.ContactHandle).Select(i => i.BlockedReason).FirstOrDefault(),
            })
            .AsAsyncEnumerable().Select(c => ((ChannelKind, DateTime?, string?)?)(c.Channel, c.LastInboundAt, c.Blocked)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Messages after <paramref name="afterId"/> (0 for the start), oldest first.</summary>
    public async Task<List<MessageDto>> MessagesAsync(long conversationId, long afterId, CancellationToken cancellationToken) =>
        await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Id > afterId)
            .OrderBy(m => m.Id).Take(1000)
            .AsAsyncEnumerable().Select(MessageDto.From).ToListAsync(cancellationToken);

    /// <summary>The web chat conversation a visitor is in now (open, or the most recent one).</summary>
    public async Task<ConversationDto?> CurrentForVisitorAsync(string visitorId, CancellationToken cancellationToken)
    {
        var id = await db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId)
            .OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await FindAsync(found, cancellationToken) : null;
    }

    /// <summary>The state of the visitor's current web chat (null when they have none): checked before a widget upload. (A typed
    /// send asks the writer instead: <see cref="InboundMessage.OnlyIntoOpen"/>.)</summary>
    public Task<ConversationState?> CurrentStateForVisitorAsync(string visitorId, CancellationToken cancellationToken) =>
        CurrentVisitorState.For(db)(db, visitorId, cancellationToken);

    private static readonly PerModel<Func<OmnichannelDb, string, CancellationToken, Task<ConversationState?>>> CurrentVisitorState = new(() =>
        EF.CompileAsyncQuery((OmnichannelDb db, string visitorId, CancellationToken _) =>
            db.Conversations.AsNoTracking()
                .Where(c => c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId)
                .OrderByDescending(c => c.Id).Select(c => (ConversationState?)c.State).FirstOrDefault()));

    public Task<bool> BelongsToVisitorAsync(long conversationId, string visitorId, CancellationToken cancellationToken) =>
        db.Conversations.AnyAsync(c => c.Id == conversationId && c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId, cancellationToken);
}
