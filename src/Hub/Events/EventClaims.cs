using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Events;

/// <summary>
/// Claims on domain events, in the database (plain EF Core LINQ, the same on SQLite and PostgreSQL): a claim is a
/// conditional single-row update, so of several processes trying at once exactly one wins. Only the earliest
/// unhandled event of a conversation can be claimed, so a conversation's events run in order across processes.
/// </summary>
public sealed class EventClaims(TimeProvider time, IOptions<EventsOptions> options, IOptions<StorageOptions> storage)
{
    /// <summary>This process's node name (configured, or random per start).</summary>
    public string Node { get; } = options.Value.NodeId is { Length: > 0 } id ? id : "node-" + Guid.NewGuid().ToString("N")[..12];

    private readonly string incarnation = Guid.NewGuid().ToString("N")[..12];

    /// <summary>What this process writes into <see cref="DomainEvent.ClaimedBy"/>.</summary>
    public string Me => $"{Node}/{incarnation}";

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateTime LeaseEnd => Now + options.Value.ClaimLease;

    /// <summary>Events anyone may claim now: unclaimed, claim expired, or claimed by an earlier life of this node.</summary>
    public IQueryable<DomainEvent> Claimable(OmnichannelDb db, bool takeOverEarlierLife)
    {
        var now = Now;
        var me = Me;
        var myNode = Node + "/";
        return db.Set<DomainEvent>().Where(e => e.Attempts < options.Value.MaxAttempts
            && (e.ClaimedUntil == null || e.ClaimedUntil < now
                || (takeOverEarlierLife && e.ClaimedBy != me && e.ClaimedBy!.StartsWith(myNode)))
            // In order per conversation: nothing earlier of the same conversation is still unhandled.
            && !db.Set<DomainEvent>().Any(earlier => earlier.ConversationId == e.ConversationId && earlier.Id < e.Id));
    }

    /// <summary>Claims one event; true when this process now holds it.</summary>
    public async Task<bool> TryClaimAsync(OmnichannelDb db, long eventId, bool takeOverEarlierLife, CancellationToken cancellationToken)
    {
        var until = LeaseEnd;
        var me = Me;
        return await Claimable(db, takeOverEarlierLife).Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, me).SetProperty(e => e.ClaimedUntil, until), cancellationToken) == 1;
    }

    /// <summary>
    /// Handled: the events are removed (only while this process still holds them). On SQLite the delete commits
    /// without a disk sync of its own (<see cref="SqliteUnsynced"/>): after a power loss it may be undone, and the
    /// events run again, exactly as after a crash before the delete.
    /// </summary>
    public async Task CompleteAsync(OmnichannelDb db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        var me = Me;
        if (!db.Database.IsSqlite())
        {
            await db.Set<DomainEvent>().Where(e => eventIds.Contains(e.Id) && e.ClaimedBy == me).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        var ids = string.Join(',', eventIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await SqliteUnsynced.ExecuteAsync(db, storage.Value.Synchronous,
            $"DELETE FROM \"DomainEvents\" WHERE \"ClaimedBy\" = {{0}} AND \"Id\" IN ({ids})", [me], cancellationToken);
    }

    /// <summary>Handling failed: the claim is released at once so the dispatcher retries it; the attempt is counted.</summary>
    public async Task ReleaseAsync(OmnichannelDb db, long eventId, string error, CancellationToken cancellationToken)
    {
        var me = Me;
        var reason = error.Length > 1000 ? error[..1000] : error;
        await db.Set<DomainEvent>().Where(e => e.Id == eventId && e.ClaimedBy == me)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.LastError, reason), cancellationToken);
    }
}
