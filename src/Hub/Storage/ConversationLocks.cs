using Microsoft.EntityFrameworkCore;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Row locks on conversations for a writer that must never wait for one. Two PostgreSQL transactions that lock the same
/// rows in different orders deadlock (40P01) — the SLA sweep claiming a batch against the inbound writer updating the
/// same conversations; taking a batch's locks up front, in key order, skipping the rows another transaction holds, means
/// the taker waits for nobody. SQLite has no row locks: its writers take turns for the whole database.
/// </summary>
public static class ConversationLocks
{
    /// <summary>Locks, inside the caller's transaction, those of <paramref name="ids"/> no other transaction holds, and
    /// returns them (on SQLite: all of them).</summary>
    public static async Task<HashSet<long>> TakeFreeAsync(OmnichannelDb db, long[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0 || db.Database.IsSqlite())
            return [.. ids];
        var free = await db.Database.SqlQuery<long>($"""
            SELECT "Id" AS "Value" FROM "Conversations" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        return [.. free];
    }
}
