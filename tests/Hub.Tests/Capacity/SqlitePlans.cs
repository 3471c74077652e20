using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>A plan row that reads a growing table whole (or a coarse slice of it), and the statement and action it came from.</summary>
/// <param name="Advisory">A read the planner chose by cost that may be right at this size (reported, not failed).</param>
public sealed record PlanFinding(string Action, string Table, string PlanRow, string Statement, IReadOnlyList<RecordedParameter> Parameters, bool Advisory = false)
{
    public override string ToString() =>
        $"[{Action}] {Table}: {PlanRow}\n    {Statement.ReplaceLineEndings("\n    ")}\n    parameters: {string.Join(", ", Parameters.Select(p => $"{p.Name}={p.Value ?? "NULL"}"))}";
}

/// <summary>
/// Asks SQLite how it runs each recorded statement (EXPLAIN QUERY PLAN, with the same parameter values, on the same
/// database file) and reports every plan row that reads a growing table whole — SCAN, also of an index (a full index
/// scan grows too) — or searches it on coarse columns only (a channel, a state: a share of every row ever written).
/// </summary>
public static partial class SqlitePlans
{
    public static async Task<List<PlanFinding>> FindGrowingReadsAsync(string connectionString, IEnumerable<RecordedCommand> commands, GrowingTables tables)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        var findings = new List<PlanFinding>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
            foreach (var statement in SqlStatements.Split(command.Sql).Where(SqlStatements.Explainable))
            {
                if (!explained.Add(statement))
                    continue;
                var aliases = Aliases(statement, tables);
                var plan = await ExplainAsync(connection, statement, command.Parameters);
                foreach (var row in plan)
                    if (Growing(row, aliases, tables) is { } table && !HeadRead(row, table, statement, plan, tables))
                        findings.Add(new PlanFinding(command.Action, table, row, statement, command.Parameters));
            }
        return findings;
    }

    /// <summary>How many distinct statements a recording holds (for the test's own sanity check).</summary>
    public static int CountStatements(IEnumerable<RecordedCommand> commands) =>
        commands.SelectMany(c => SqlStatements.Split(c.Sql)).Where(SqlStatements.Explainable).Distinct(StringComparer.Ordinal).Count();

    private static async Task<List<string>> ExplainAsync(SqliteConnection connection, string statement, IReadOnlyList<RecordedParameter> parameters)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var p in parameters)
            explain.Parameters.Add(new SqliteParameter(p.Name, p.Value ?? DBNull.Value) { DbType = p.DbType });
        var rows = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(3));
        return rows;
    }

    /// <returns>The growing table the row reads too much of, or null.</returns>
    private static string? Growing(string row, IReadOnlyDictionary<string, string> aliases, GrowingTables tables)
    {
        var step = PlanStep().Match(row);
        if (!step.Success)
            return null;
        var name = step.Groups["alias"].Success ? step.Groups["alias"].Value : step.Groups["name"].Value;
        if (!aliases.TryGetValue(name, out var table) || !tables.Grows(table))
            return null;
        if (step.Groups["op"].Value == "SCAN")
            return table;
        // SEARCH: fine when it finds rows by something finer than a channel, a state or a flag.
        var constraint = Constraint().Match(step.Groups["rest"].Value);
        var columns = constraint.Success
            ? constraint.Groups[1].Value.Split(" AND ").Select(c => ColumnOf().Match(c).Value).Where(c => c.Length > 0).ToList()
            : [];
        return tables.OnlyCoarse(table, columns) ? table : null;
    }

    /// <summary>
    /// A SCAN that stops early: in key order (no index, no sort of its own) under a LIMIT — the latest rows of a table
    /// with no condition ("the last 2,000 samples"), or the head of a work queue (<see cref="GrowingTables.Queues"/>),
    /// whose rows leave once handled, so the scan reads the backlog's head. Anything else that scans is not bounded.
    /// </summary>
    private static bool HeadRead(string row, string table, string statement, IReadOnlyList<string> plan, GrowingTables tables) =>
        !row.Contains(" USING ", StringComparison.Ordinal)
        && Limit().IsMatch(statement)
        && !plan.Any(r => r.StartsWith("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
        && (tables.Queues.Contains(table) || !Where().IsMatch(statement));

    [GeneratedRegex(@"\bLIMIT\b", RegexOptions.IgnoreCase)]
    private static partial Regex Limit();

    [GeneratedRegex(@"\bWHERE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Where();

    /// <summary>Alias (or bare table name) → table, from <c>"Table" AS "alias"</c> and <c>FROM Table alias</c> in the statement.</summary>
    private static Dictionary<string, string> Aliases(string statement, GrowingTables tables)
    {
        var map = tables.All.ToDictionary(t => t, t => t, StringComparer.Ordinal);
        foreach (Match m in QuotedAlias().Matches(statement))
            if (tables.All.Contains(m.Groups["table"].Value))
                map[m.Groups["alias"].Value] = m.Groups["table"].Value;
        foreach (Match m in BareAlias().Matches(statement))
            if (tables.All.Contains(m.Groups["table"].Value) && !Keywords.Contains(m.Groups["alias"].Value))
                map[m.Groups["alias"].Value] = m.Groups["table"].Value;
        return map;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ON", "AS", "SET", "ORDER", "GROUP", "LIMIT", "UNION", "VALUES", "RETURNING",
    };

    [GeneratedRegex(@"^(?<op>SCAN|SEARCH) (?:TABLE )?(?<name>\S+)(?: AS (?<alias>\S+))?(?<rest>.*)$")]
    private static partial Regex PlanStep();

    [GeneratedRegex(@"\(([^()]*)\)\s*$")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"^\w+")]
    private static partial Regex ColumnOf();

    [GeneratedRegex(@"(?<![.\w""])""(?<table>\w+)""\s+AS\s+""(?<alias>\w+)""")]
    private static partial Regex QuotedAlias();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<table>\w+)\s+(?:AS\s+)?(?<alias>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex BareAlias();
}
