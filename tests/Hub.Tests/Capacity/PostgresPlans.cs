using System.Data.Common;
using System.Text.Json;
using Npgsql;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// Asks PostgreSQL how it runs each recorded statement (EXPLAIN (FORMAT JSON), the same parameters as bound, on the same
/// database after ANALYZE, planner settings untouched) and reports every Seq Scan of a growing table that holds enough
/// rows for the planner's choice to mean something (<see cref="BigTablesAsync"/>): on a table of a few rows a
/// sequential read is the right plan, and the planner takes it whatever the indexes.
/// </summary>
public static class PostgresPlans
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

    public static async Task<List<PlanFinding>> FindSeqScansAsync(string connectionString, IEnumerable<RecordedCommand> commands, GrowingTables tables, IReadOnlySet<string> big)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var findings = new List<PlanFinding>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
            foreach (var statement in SqlitePlans.Statements(command.Sql).Where(SqlitePlans.Explainable))
            {
                if (!explained.Add(statement))
                    continue;
                await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + statement, connection);
                foreach (var p in command.Parameters)
                    explain.Parameters.Add(p.Provider is ICloneable copy ? (DbParameter)copy.Clone() : new NpgsqlParameter(p.Name, p.Value ?? DBNull.Value) { DbType = p.DbType });
                var json = (string)(await explain.ExecuteScalarAsync())!;
                using var plan = JsonDocument.Parse(json);
                foreach (var node in Nodes(plan.RootElement[0].GetProperty("Plan")))
                    if (node.GetProperty("Node Type").GetString() == "Seq Scan" && node.GetProperty("Relation Name").GetString() is { } table
                        && tables.Grows(table) && big.Contains(table))
                        findings.Add(new PlanFinding(command.Action, table,
                            $"Seq Scan on {table} (rows ≈ {node.GetProperty("Plan Rows")}){(node.TryGetProperty("Filter", out var filter) ? " Filter: " + filter.GetString() : "")}",
                            statement, command.Parameters));
            }
        return findings;
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var n in Nodes(child))
                    yield return n;
    }
}
