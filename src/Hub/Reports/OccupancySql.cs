namespace Omnichannel.Hub.Reports;

/// <summary>
/// The SQL of the per-operator durations (window functions and date arithmetic, which LINQ does not express), in the
/// two dialects: SQLite (dates as ISO text, julianday) and PostgreSQL (timestamptz, EXTRACT(EPOCH)).
/// </summary>
public sealed class OccupancySql(bool postgres)
{
    private string Seconds(string from, string to) => postgres
        ? $"EXTRACT(EPOCH FROM ({to} - {from}))::float8"
        : $"((julianday({to}) - julianday({from})) * 86400.0)";

    private string Later => postgres ? "GREATEST" : "MAX";

    private string Earlier => postgres ? "LEAST" : "MIN";

    /// <summary>Mean accepted → closed of the closed conversations opened in the range, per accepting operator.</summary>
    public FormattableString MeanHandle(ReportFilter f)
    {
        List<object?> arguments = [f.From, f.To];
        var narrower = "";
        if (f.Channel is { } channel)
        {
            narrower += $" AND c.\"Channel\" = {{{arguments.Count}}}";
            arguments.Add(channel.ToString());
        }
        if (f.OperatorId is { } op)
        {
            narrower += $" AND o.\"OperatorId\" = {{{arguments.Count}}}";
            arguments.Add(op);
        }
        return Sql($$"""
            SELECT o."OperatorId" AS "OperatorId", AVG({{Seconds("o.\"AnsweredAt\"", "c.\"ClosedAt\"")}}) AS "Seconds"
            FROM "Offers" o JOIN "Conversations" c ON c."Id" = o."ConversationId"
            WHERE o."State" = 'Accepted' AND c."ClosedAt" IS NOT NULL AND c."CreatedAt" >= {0} AND c."CreatedAt" < {1}{{narrower}}
            GROUP BY o."OperatorId"
            """, [.. arguments]);
    }

    /// <summary>Online time per operator: presence spells clipped to [from, end), an open spell running to end.</summary>
    public FormattableString Online(DateTime from, DateTime end)
    {
        var seconds = Seconds(Later + "(\"StartedAt\", {0})", Earlier + "(COALESCE(\"EndedAt\", {1}), {1})");
        return Sql($$"""
        SELECT "OperatorId", SUM({{seconds}}) AS "Seconds"
        FROM "PresenceSpells"
        WHERE "StartedAt" < {1} AND ("EndedAt" IS NULL OR "EndedAt" > {0})
        GROUP BY "OperatorId"
        """, from, end);
    }

    /// <summary>
    /// Busy time per operator: the union of the accepted → closed spans of their web chats (an open chat runs to end),
    /// clipped to [from, end). Gaps and islands: a span starts a new island when it starts after every earlier one ended.
    /// </summary>
    public FormattableString Busy(DateTime from, DateTime end) => Sql($$"""
        WITH chats AS (
            SELECT o."OperatorId" AS op, {{Later}}(o."AnsweredAt", {0}) AS s, {{Earlier}}(COALESCE(c."ClosedAt", {1}), {1}) AS e
            FROM "Offers" o JOIN "Conversations" c ON c."Id" = o."ConversationId"
            WHERE o."State" = 'Accepted' AND c."Channel" = 'WebChat' AND o."AnsweredAt" < {1} AND (c."ClosedAt" IS NULL OR c."ClosedAt" > {0})
        ), ordered AS (
            SELECT op, s, e, MAX(e) OVER (PARTITION BY op ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
            FROM chats WHERE e > s
        ), islands AS (
            SELECT op, s, e, SUM(CASE WHEN reach IS NULL OR s > reach THEN 1 ELSE 0 END) OVER (PARTITION BY op ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
            FROM ordered
        ), spans AS (
            SELECT op, MIN(s) AS s, MAX(e) AS e FROM islands GROUP BY op, island
        )
        SELECT op AS "OperatorId", SUM({{Seconds("s", "e")}}) AS "Seconds" FROM spans GROUP BY op
        """, from, end);

    private static FormattableString Sql(string format, params object?[] arguments) =>
        System.Runtime.CompilerServices.FormattableStringFactory.Create(format, arguments);
}
