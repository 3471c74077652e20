using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// A contact center's history written straight into the hub's database in one transaction, a statement per table
/// (INSERT … SELECT over a counter, the same SQL on SQLite and PostgreSQL): contacts with an identity on each channel
/// in turn, three conversations each — mostly closed, some still assigned to operators who are away, some email
/// waiting for a skill nobody on duty has — three messages per conversation, their offers, timeline, SLA measurements,
/// breaches and busy spells. Enough rows that reading any of these tables whole is unmistakable in a plan.
/// </summary>
public static class HistorySeed
{
    /// <summary>Seeded contact k's WhatsApp handle (k % 5 == 1), as Twilio's From carries it.</summary>
    public static string WhatsAppPhone(long k) => $"+3170{1_000_000 + k}";

    /// <param name="away">Operators who are away: the history's conversations, offers and spells are theirs, in turn.</param>
    public static async Task SeedAsync(HubFactory hub, int contacts, IReadOnlyList<long> away, DateTime now)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in Statements(away))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            Add(command, "@contacts", contacts);
            Add(command, "@past", now.AddDays(-30));
            Add(command, "@now", now);
            Add(command, "@later", now.AddDays(1));
            Add(command, "@due", now.AddDays(2));
            Add(command, "@no", false);
            Add(command, "@yes", true);
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        if (!command.CommandText.Contains(name, StringComparison.Ordinal))
            return;
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private const string Seeded = "\"DisplayName\" LIKE 'Seeded customer %'";
    private const string SeededConversation = "\"LastMessagePreview\" = 'Seeded'";
    private const string Three = "(SELECT 0 AS j UNION ALL SELECT 1 UNION ALL SELECT 2)";

    /// <summary>Contact k's third conversation: waiting email (k % 10 == 4), assigned to the away operator (1, 2, 3, 5), else closed.</summary>
    private const string Waiting = "(s.j = 2 AND i.\"ContactId\" % 10 = 4)";
    private const string Assigned = "(s.j = 2 AND i.\"ContactId\" % 10 IN (1, 2, 3, 5))";

    /// <summary>The away operator of row <paramref name="k"/> (ids inlined: numbers the test created).</summary>
    private static string Away(IReadOnlyList<long> away, string k) =>
        $"CASE {k} % {away.Count} {string.Join(" ", away.Select((id, i) => $"WHEN {i} THEN {id}"))} END";

    private static string[] Statements(IReadOnlyList<long> away) =>
    [
        $"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @contacts)
        INSERT INTO "Contacts" ("DisplayName", "CreatedAt") SELECT 'Seeded customer ' || i, @past FROM n
        """,
        $"""
        INSERT INTO "ContactIdentities" ("ContactId", "Channel", "Handle", "Verified")
        SELECT c."Id",
            CASE c."Id" % 5 WHEN 0 THEN 'WebChat' WHEN 1 THEN 'WhatsApp' WHEN 2 THEN 'Telegram' WHEN 3 THEN 'Sms' ELSE 'Email' END,
            CASE c."Id" % 5 WHEN 0 THEN 'seeded-visitor-' || c."Id" WHEN 1 THEN 'whatsapp:+3170' || (1000000 + c."Id") WHEN 2 THEN '' || (700000000 + c."Id")
                WHEN 3 THEN '+3171' || (1000000 + c."Id") ELSE 'seeded' || c."Id" || '@example.com' END,
            @no
        FROM "Contacts" c WHERE c.{Seeded}
        """,
        $"""
        INSERT INTO "Conversations" ("ContactId", "Channel", "ContactHandle", "State", "AssignedOperatorId", "CreatedAt", "LastMessageAt",
            "LastInboundAt", "WaitingSince", "ClosedAt", "ResolutionSeconds", "LastMessagePreview", "RequiredSkills", "RoutingVersion", "Automatic",
            "SlaKind", "SlaStartedAt", "SlaAtRiskAt", "SlaDueAt", "SlaNextCheckAt", "QueueDeadline")
        SELECT i."ContactId", i."Channel", i."Handle",
            CASE WHEN {Waiting} THEN 'Waiting' WHEN {Assigned} THEN 'Assigned' ELSE 'Closed' END,
            CASE WHEN {Assigned} OR NOT {Waiting} THEN {Away(away, "i.\"ContactId\"")} END,
            @past, @past, @past,
            CASE WHEN {Waiting} THEN @now END,
            CASE WHEN NOT {Waiting} AND NOT {Assigned} THEN @past END,
            CASE WHEN NOT {Waiting} AND NOT {Assigned} THEN 600.0 END,
            'Seeded', CASE WHEN {Waiting} THEN 'seeded-nobody' ELSE '' END, 0, @no,
            CASE WHEN {Waiting} THEN 'FirstResponse' END,
            CASE WHEN {Waiting} THEN @now END, CASE WHEN {Waiting} THEN @later END, CASE WHEN {Waiting} THEN @due END,
            CASE WHEN {Waiting} THEN @later END, CASE WHEN {Waiting} THEN @due END
        FROM "ContactIdentities" i JOIN "Contacts" c ON c."Id" = i."ContactId" CROSS JOIN {Three} s
        WHERE c.{Seeded}
        """,
        $"""
        INSERT INTO "Messages" ("ConversationId", "Channel", "Direction", "Text", "ProviderMessageId", "Status", "CreatedAt", "Attachments",
            "Metadata", "QuickReplies", "IsAutomated")
        SELECT v."Id", v."Channel", CASE s.j WHEN 1 THEN 'Outbound' ELSE 'Inbound' END, 'Seeded message ' || s.j, 'seed-' || v."Id" || '-' || s.j,
            'Delivered', @past, '[]', '{"{}"}', '', @no
        FROM "Conversations" v CROSS JOIN {Three} s WHERE v.{SeededConversation}
        """,
        $"""
        INSERT INTO "Offers" ("ConversationId", "OperatorId", "OfferedAt", "ExpiresAt", "AnsweredAt", "State", "Broadcast", "Live")
        SELECT v."Id", v."AssignedOperatorId", @past, @past, CASE s.j WHEN 0 THEN @past END, CASE s.j WHEN 0 THEN 'Accepted' ELSE 'Expired' END, @no,
            CASE WHEN v."Channel" = 'WebChat' THEN @yes ELSE @no END
        FROM "Conversations" v CROSS JOIN {Three} s WHERE v.{SeededConversation} AND v."State" <> 'Waiting' AND (s.j = 0 OR v."Id" % 3 = s.j)
        """,
        $"""
        INSERT INTO "Timeline" ("ConversationId", "At", "Kind", "OperatorId")
        SELECT v."Id", @past, CASE s.j WHEN 0 THEN 'Queued' WHEN 1 THEN 'Offered' ELSE 'Accepted' END, v."AssignedOperatorId"
        FROM "Conversations" v CROSS JOIN {Three} s WHERE v.{SeededConversation}
        """,
        $"""
        INSERT INTO "SlaMeasurements" ("ConversationId", "Channel", "Kind", "StartedAt", "DueAt", "RespondedAt", "ResponseSeconds", "CountedSeconds", "Met", "OperatorId")
        SELECT v."Id", v."Channel", 'FirstResponse', @past, @past, @past, 20.0, 20.0, @yes, v."AssignedOperatorId"
        FROM "Conversations" v WHERE v.{SeededConversation} AND v."State" <> 'Waiting'
        """,
        $"""
        INSERT INTO "Breaches" ("ConversationId", "Channel", "Kind", "StartedAt", "DueAt", "RaisedAt", "TargetSeconds", "BusinessHours", "OperatorId")
        SELECT v."Id", v."Channel", 'FirstResponse', @past, @past, @past, 30.0, @no, v."AssignedOperatorId"
        FROM "Conversations" v WHERE v.{SeededConversation} AND v."Id" % 7 = 0
        """,
        $"""
        INSERT INTO "BusySpells" ("OperatorId", "StartedAt", "EndedAt")
        SELECT v."AssignedOperatorId", @past, CASE WHEN v."State" = 'Closed' THEN @past END
        FROM "Conversations" v WHERE v.{SeededConversation} AND v."State" <> 'Waiting'
        """,
        $"""
        INSERT INTO "PresenceSpells" ("OperatorId", "StartedAt", "EndedAt")
        SELECT {Away(away, "c.\"Id\"")}, @past, @past FROM "Contacts" c WHERE c.{Seeded} AND c."Id" % 4 = 0
        """,
    ];
}
