using System.Data.Common;
using System.Text.Json;
using Npgsql;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// Asks PostgreSQL how it runs each recorded statement (EXPLAIN (FORMAT JSON), the same parameters as bound, on the same
/// database after ANALYZE, planner settings untouched) and reports every read of a growing table that holds enough rows
/// for the planner's choice to mean something (<see cref="BigTablesAsync"/>) as a whole or by a coarse key: on a table of
/// a few rows a sequential read is the right plan, and the planner takes it whatever the indexes.
/// </summary>
public static partial class PostgresPlans
{
    /// <summary>The tables with at least <paramref name="rows"/> rows by the statistics (run ANALYZE first).</summary>
    public static async Task<HashSet<string>> BigTablesAsync(string connectionString, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= @rows", connection);
        command.Parameters.AddWithValue("rows", (float)rows);
        var big = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            big.Add(reader.GetString(0));
        return big;
    }

    public static async Task<List<PlanFinding>> FindWholeReadsAsync(string connectionString, IEnumerable<RecordedCommand> commands, GrowingTables tables, IReadOnlySet<string> big)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var findings = new List<PlanFinding>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
            foreach (var statement in SqlStatements.Split(command.Sql).Where(SqlStatements.Explainable))
            {
                if (!explained.Add(statement))
                    continue;
                await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + statement, connection);
                foreach (var p in command.Parameters)
                    explain.Parameters.Add(p.Provider is ICloneable copy ? (DbParameter)copy.Clone() : new NpgsqlParameter(p.Name, p.Value ?? DBNull.Value) { DbType = p.DbType });
                var json = (string)(await explain.ExecuteScalarAsync())!;
                using var plan = JsonDocument.Parse(json);
                foreach (var (node, limited) in Nodes(plan.RootElement[0].GetProperty("Plan"), limited: false))
                    if (Growing(node, limited, tables, big) is var (row, advisory))
                        findings.Add(new PlanFinding(command.Action, node.GetProperty("Relation Name").GetString()!, row, statement, command.Parameters, advisory));
            }
        return findings;
    }

    /// <summary>
    /// A node that reads a big growing table whole: a Seq Scan, or an index scan with no condition (a full index walk)
    /// unless a LIMIT above stops it. Also, as advisory: an index or bitmap scan whose condition names only coarse
    /// columns (a channel, a state) and that the planner expects to find many rows — on PostgreSQL that is a choice by
    /// cost between a state index and a key index, which may flip as the tables grow, so it is reported, not failed
    /// (the SQLite guard, whose plans do not depend on the data, fails such reads).
    /// </summary>
    private static (string Row, bool Advisory)? Growing(JsonElement node, bool limited, GrowingTables tables, IReadOnlySet<string> big)
    {
        if (!node.TryGetProperty("Relation Name", out var relation) || relation.GetString() is not { } table || !tables.Grows(table) || !big.Contains(table))
            return null;
        var type = node.GetProperty("Node Type").GetString();
        var rows = node.GetProperty("Plan Rows").GetRawText();
        var condition = node.TryGetProperty("Index Cond", out var c) ? c.GetString() : node.TryGetProperty("Recheck Cond", out var r) ? r.GetString() : null;
        var filter = node.TryGetProperty("Filter", out var f) ? " Filter: " + f.GetString() : "";
        if (type == "Seq Scan")
            return ($"Seq Scan on {table} (rows ≈ {rows}){filter}", false);
        if (type is not ("Index Scan" or "Index Only Scan" or "Bitmap Heap Scan"))
            return null;
        if (condition is null)
            return limited ? null : ($"{type} on {table} with no index condition (rows ≈ {rows}){filter}", false);
        var columns = Column().Matches(condition).Select(m => m.Groups[1].Value).Distinct().ToList();
        return tables.OnlyCoarse(table, columns) && IndexRows(node) >= CoarseRows
            ? ($"{type} on {table} by {condition} only (rows ≈ {IndexRows(node)}){filter}", true)
            : null;
    }

    /// <summary>A coarse read expected to find this many rows or more is one that grows with the history.</summary>
    public const double CoarseRows = 1_000;

    /// <summary>The rows the index condition alone finds (a bitmap's index scans), or the node's estimate.</summary>
    private static double IndexRows(JsonElement node) =>
        node.GetProperty("Node Type").GetString() == "Bitmap Heap Scan"
            ? Nodes(node, false).Where(n => n.Node.GetProperty("Node Type").GetString() == "Bitmap Index Scan").Select(n => n.Node.GetProperty("Plan Rows").GetDouble()).DefaultIfEmpty(0).Max()
            : node.GetProperty("Plan Rows").GetDouble();

    [System.Text.RegularExpressions.GeneratedRegex("\"(\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex Column();

    private static IEnumerable<(JsonElement Node, bool Limited)> Nodes(JsonElement node, bool limited)
    {
        yield return (node, limited);
        limited |= node.GetProperty("Node Type").GetString() == "Limit";
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var n in Nodes(child, limited))
                    yield return n;
    }
}
