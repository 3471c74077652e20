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
