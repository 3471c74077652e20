using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// The handle-time fact (<see cref="Conversations.Conversation.HandleSeconds"/>): written as a chat closes; derived here
/// from the accepted offers for history written before it existed (the migration's backfill) or straight into the store
/// (the seeded tests, the bench) — the same rule: closed − the latest accepted offer's accept, ms precision.
/// </summary>
public static class HandleTimes
{
    public static Task RebuildAsync(OmnichannelDb db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(DeriveSql(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true), cancellationToken);

    /// <summary>UPDATE … FROM in the provider's dialect.</summary>
    public static string DeriveSql(bool postgres)
    {
        var seconds = postgres
            ? "ROUND(EXTRACT(EPOCH FROM (\"Conversations\".\"ClosedAt\" - a.accepted))::numeric, 3)::float8"
            : "ROUND((julianday(\"Conversations\".\"ClosedAt\") - julianday(a.accepted)) * 86400.0, 3)";
        return $"""
            UPDATE "Conversations" SET "HandleSeconds" = {seconds}
            FROM (
                SELECT "ConversationId" AS id, MAX("AnsweredAt") AS accepted FROM "Offers"
                WHERE "State" = 'Accepted' AND "AnsweredAt" IS NOT NULL GROUP BY "ConversationId"
            ) a
            WHERE a.id = "Conversations"."Id" AND "Conversations"."ClosedAt" IS NOT NULL
            """;
    }
}
