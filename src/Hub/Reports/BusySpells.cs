using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Keeps <see cref="BusySpell"/>s as web chats are accepted and closed, inside the caller's transaction. Both steps first
/// touch the operator's open spell (a row lock on PostgreSQL), so an accept and a close of the same operator's chats
/// serialise: a close ends the spell only when no other accepted web chat of theirs is still open.
/// </summary>
public static class BusySpells
{
    /// <summary>An accepted web chat: opens the operator's spell unless one is open, stored or still to be saved (saved by
    /// the caller's SaveChanges).</summary>
    public static async Task OpenAsync(OmnichannelDb db, Conversation conversation, long operatorId, DateTime at, CancellationToken cancellationToken)
    {
        // Opened in this unit of work already (an earlier decision of the same routing group, not saved yet).
        if (conversation.Channel != ChannelKind.WebChat || db.Set<BusySpell>().Local.Any(s => s.OperatorId == operatorId && s.EndedAt == null))
            return;
        var open = await db.Set<BusySpell>().Where(s => s.OperatorId == operatorId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, x => x.EndedAt), cancellationToken);
        if (open == 0)
            db.Add(new BusySpell { OperatorId = operatorId, StartedAt = at });
    }

    /// <summary>Before the close is saved: locks the open spells of the operators who accepted this web chat.</summary>
    public static async Task LockAsync(OmnichannelDb db, Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Channel == ChannelKind.WebChat)
            await Holders(db, conversation.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, x => x.EndedAt), cancellationToken);
    }

    /// <summary>After the close is saved: ends the spells of the accepting operators who now hold no open web chat.</summary>
    public static async Task CloseAsync(OmnichannelDb db, Conversation conversation, DateTime at, CancellationToken cancellationToken)
    {
        if (conversation.Channel != ChannelKind.WebChat)
            return;
        // The holders' open spells (locked by LockAsync in this transaction): one row per operator who accepted it.
        var spells = await Holders(db, conversation.Id).Select(s => new { s.Id, s.OperatorId, s.StartedAt }).ToListAsync(cancellationToken);
        foreach (var spell in spells)
        {
            // A web chat still open that they accepted was accepted during this spell (a spell ends only when none is
            // open): only the offers accepted since it started are read, on Offers(OperatorId, State, AnsweredAt) with
            // the start as a known bound — not every web chat, nor every offer the operator ever accepted.
            var holdsAnother = await db.Offers.AnyAsync(o => o.OperatorId == spell.OperatorId && o.State == OfferState.Accepted && o.AnsweredAt >= spell.StartedAt
                && db.Conversations.Any(c => c.Id == o.ConversationId && c.ClosedAt == null && c.Channel == ChannelKind.WebChat), cancellationToken);
            if (!holdsAnother)
                await db.Set<BusySpell>().Where(s => s.Id == spell.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, at), cancellationToken);
        }
    }

    /// <summary>The open spells of the operators who accepted the conversation, found by operator (IN, not a correlated
    /// EXISTS: that read every spell ever kept).</summary>
    private static IQueryable<BusySpell> Holders(OmnichannelDb db, long conversationId) =>
        db.Set<BusySpell>().Where(s => s.EndedAt == null
            && db.Offers.Where(o => o.ConversationId == conversationId && o.State == OfferState.Accepted).Select(o => o.OperatorId).Contains(s.OperatorId));

    /// <summary>
    /// Derives every spell again from the accepted offers and their chats' close (for history written straight into the
    /// store, and the migration's backfill): the union of each operator's accepted → closed spans, gaps and islands.
    /// </summary>
    public static async Task RebuildAsync(OmnichannelDb db, CancellationToken cancellationToken)
    {
        await db.Set<BusySpell>().ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(DeriveSql(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true), cancellationToken);
    }

    /// <summary>INSERT … SELECT of the spells in the provider's dialect (an open chat is an open spell).</summary>
    public static string DeriveSql(bool postgres)
    {
        var never = postgres ? "'infinity'::timestamptz" : "'9999-12-31 23:59:59'";
        return $"""
            INSERT INTO "BusySpells" ("OperatorId", "StartedAt", "EndedAt")
            SELECT op, MIN(s), NULLIF(MAX(e), {never}) FROM (
                SELECT op, s, e, SUM(CASE WHEN reach IS NULL OR s > reach THEN 1 ELSE 0 END) OVER (PARTITION BY op ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
                FROM (
                    SELECT op, s, e, MAX(e) OVER (PARTITION BY op ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                    FROM (
                        SELECT o."OperatorId" AS op, o."AnsweredAt" AS s, COALESCE(c."ClosedAt", {never}) AS e
                        FROM "Offers" o JOIN "Conversations" c ON c."Id" = o."ConversationId"
                        WHERE o."State" = 'Accepted' AND c."Channel" = 'WebChat' AND o."AnsweredAt" IS NOT NULL
                    ) chats WHERE e > s
                ) ordered
            ) islands
            GROUP BY op, island
            """;
    }
}
