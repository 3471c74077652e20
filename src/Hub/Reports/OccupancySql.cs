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
    public FormattableString Online(DateTime from, DateTime end) => Spells("PresenceSpells", from, end);

    private FormattableString Spells(string table, DateTime from, DateTime end)
    {
        var seconds = Seconds(Later + "(\"StartedAt\", {0})", Earlier + "(COALESCE(\"EndedAt\", {1}), {1})");
        return Sql($$"""
        SELECT "OperatorId", SUM({{seconds}}) AS "Seconds"
        FROM "{{table}}"
        WHERE "StartedAt" < {1} AND ("EndedAt" IS NULL OR "EndedAt" > {0})
        GROUP BY "OperatorId"
        """, from, end);
    }

    /// <summary>
    /// Busy time per operator: their <see cref="BusySpell"/>s (the union of the accepted → closed spans of their web chats,
    /// kept as chats are accepted and closed) clipped to [from, end), an open spell running to end.
    /// </summary>
    public FormattableString Busy(DateTime from, DateTime end) => Spells("BusySpells", from, end);

    private static FormattableString Sql(string format, params object?[] arguments) =>
        System.Runtime.CompilerServices.FormattableStringFactory.Create(format, arguments);
}
