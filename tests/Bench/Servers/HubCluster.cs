using Microsoft.EntityFrameworkCore;
using Npgsql;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Bench;

/// <summary>Where the hub keeps its data and how many processes serve it (issue 12: PostgreSQL, 1 and 2 nodes, beside SQLite).</summary>
public sealed record Deployment(string Storage, int Nodes)
{
    public bool PostgreSql => Storage == "postgresql";

    public string Label => $"{(PostgreSql ? "PostgreSQL" : "SQLite")}, {Nodes} node{(Nodes > 1 ? "s + Redis" : "")}";

    /// <summary>SQLite is one process by design: it only runs with one node.</summary>
    public static List<Deployment> Matrix(IEnumerable<string> storages, IEnumerable<int> nodes) =>
        [.. storages.SelectMany(s => nodes.Where(n => s == "postgresql" || n == 1).Select(n => new Deployment(s, n)))];
}

/// <summary>
/// The throw-away PostgreSQL server of the run (tests/Hub.Tests' fixture, loopback only), started on first use and
/// stopped at the end. The fixture turns durability off for tests; the bench turns it back on (fsync,
/// synchronous_commit) so a commit costs what it costs in production, for the hub and the commit probe alike.
/// </summary>
public sealed class BenchServers : IAsyncDisposable
{
    private PostgresServer? postgres;

    public async Task<PostgresServer> PostgresAsync()
    {
        if (postgres is not null)
            return postgres;
        var server = new PostgresServer();
        postgres = server;
        Cleanup.Register(server, server.Stop);
        await server.StartAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var sql in new[] { "ALTER SYSTEM SET fsync = on", "ALTER SYSTEM SET synchronous_commit = on", "ALTER SYSTEM SET full_page_writes = on", "SELECT pg_reload_conf()" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        return server;
    }

    /// <summary>
    /// Before a scenario: the shared PostgreSQL server writes out what the last scenario left dirty (a checkpoint) and the
    /// machine flushes its file cache, so the next scenario's synced commits do not queue behind that write-back.
    /// </summary>
    public async Task SettleAsync()
    {
        if (postgres is not null)
        {
            await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
        using var sync = System.Diagnostics.Process.Start("sync");
        await sync.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            Cleanup.Unregister(postgres);
            await postgres.DisposeAsync();
        }
    }
}

/// <summary>One or more hub processes on one database (+ Redis backplane with more than one node), torn down together.</summary>
public sealed class HubCluster : IAsyncDisposable
{
    private readonly string data;
    private readonly RedisServer? redis;
    private readonly PostgresServer? postgres;
    private readonly string? databaseName;

    public Deployment Deployment { get; }
    public IReadOnlyList<ServerProcess> Nodes { get; }
    public BenchDb Db { get; }
    public ServerProcess First => Nodes[0];

    private HubCluster(Deployment deployment, List<ServerProcess> nodes, BenchDb db, string data, RedisServer? redis, PostgresServer? postgres, string? databaseName)
    {
        Deployment = deployment;
        Nodes = nodes;
        Db = db;
        this.data = data;
        this.redis = redis;
        this.postgres = postgres;
        this.databaseName = databaseName;
    }

    public static string NewDataDirectory()
    {
        var data = Path.Combine(Path.GetTempPath(), "omnichannel-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        return data;
    }

    /// <param name="data">A data directory prepared beforehand (e.g. with a seeded SQLite database hub.db in it), or null for a fresh one.</param>
    public static async Task<HubCluster> StartAsync(string repoRoot, Deployment deployment, BenchServers servers, string? data = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        data ??= NewDataDirectory();
        var env = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Storage__KeysDirectory"] = Path.Combine(data, "keys"),
            ["Storage__AttachmentsDirectory"] = Path.Combine(data, "attachments"),
        };
        RedisServer? redis = null;
        PostgresServer? postgres = null;
        string? databaseName = null;
        BenchDb db;
        if (deployment.PostgreSql)
        {
            postgres = await servers.PostgresAsync();
            databaseName = "bench_" + Guid.NewGuid().ToString("N");
            var connectionString = await postgres.CreateDatabaseAsync(databaseName);
            env["Storage__Provider"] = "PostgreSql";
            env["Storage__ConnectionString"] = connectionString;
            db = new BenchDb(postgreSql: true, connectionString);
            // The schema is created before the nodes start, as a deployment does (dotnet ef database update): two nodes
            // would otherwise race to migrate, and EF Core logs its first look for the migrations table on an empty
            // database as an error (a known first-start line, not a fault of the run).
            await using var context = db.Context();
            await context.Database.MigrateAsync();
        }
        else
        {
            var connectionString = $"Data Source={Path.Combine(data, "hub.db")}";
            env["Storage__ConnectionString"] = connectionString;
            db = new BenchDb(postgreSql: false, connectionString);
        }
        if (deployment.Nodes > 1)
        {
            redis = new RedisServer();
            var started = redis;
            Cleanup.Register(redis, () => started.DisposeAsync().AsTask().GetAwaiter().GetResult());
            await redis.StartAsync();
            env["Redis__ConnectionString"] = redis.ConnectionString;
        }
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < deployment.Nodes; i++)
                nodes.Add(await ServerProcess.StartHubAsync(repoRoot, deployment.Nodes == 1 ? "hub" : $"hub-{(char)('a' + i)}",
                    new Dictionary<string, string>(env) { ["Events__NodeId"] = $"bench-{i}" }));
        }
        catch
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            if (redis is not null)
                await redis.DisposeAsync();
            throw;
        }
        return new HubCluster(deployment, nodes, db, data, redis, postgres, databaseName);
    }

    /// <summary>CPU and memory of all nodes together.</summary>
    public ProcessSample Sample() => ProcessSample.Sum(Nodes.Select(n => n.Sample()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
        if (redis is not null)
        {
            Cleanup.Unregister(redis);
            await redis.DisposeAsync();
        }
        if (postgres is not null && databaseName is not null)
        {
            try
            {
                await postgres.DropDatabaseAsync(databaseName);
            }
            catch (NpgsqlException)
            {
            }
        }
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
