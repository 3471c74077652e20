using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Omnichannel.Bench;

public sealed record CommitProbeStep(string Storage, int OfferedRate, int Rows, double P50, double P95, double P99, double Max, double MeanGroup);

/// <summary>
/// The physical limit of durable chat on this machine: one row per message, committed by a single writer with group
/// commit (whatever queued up during the previous commit goes in the next transaction), at a fixed offered rate,
/// with the hub's storage settings (SQLite: WAL, the same synchronous level, automatic checkpoints off and a passive
/// checkpoint every 500 ms; PostgreSQL: the same server, fsync and synchronous_commit on). Latency = enqueue → commit.
/// </summary>
public sealed class CommitProbe : IAsyncDisposable
{
    private readonly DbConnection connection;
    private readonly string label;
    private readonly string? folder;
    private readonly Func<Task>? checkpoint;

    private CommitProbe(DbConnection connection, string label, string? folder, Func<Task>? checkpoint)
    {
        this.connection = connection;
        this.label = label;
        this.folder = folder;
        this.checkpoint = checkpoint;
    }

    public static async Task<CommitProbe> SqliteAsync(string synchronous)
    {
        var folder = HubCluster.NewDataDirectory();
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "probe.db")};Pooling=false");
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToUpperInvariant()}; PRAGMA wal_autocheckpoint = 0; PRAGMA busy_timeout = 30000;" +
            "CREATE TABLE Probe (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL, CreatedAt TEXT NOT NULL);");
        var checkpointer = new SqliteConnection($"Data Source={Path.Combine(folder, "probe.db")};Pooling=false");
        await checkpointer.OpenAsync();
        await ExecuteAsync(checkpointer, "PRAGMA busy_timeout = 30000;");
        return new CommitProbe(connection, "SQLite", folder, () => ExecuteAsync(checkpointer, "PRAGMA wal_checkpoint(PASSIVE);"));
    }

    public static async Task<CommitProbe> PostgreSqlAsync(BenchServers servers)
    {
        var postgres = await servers.PostgresAsync();
        var connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync("bench_probe_" + Guid.NewGuid().ToString("N")));
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE probe (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL)");
        return new CommitProbe(connection, "PostgreSQL", null, null);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<CommitProbeStep> MeasureAsync(int rate, TimeSpan duration, Action<string> log)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var queue = Channel.CreateUnbounded<(long Enqueued, int Index)>(new UnboundedChannelOptions { SingleReader = true });
        var latencies = new double[total];
        var groups = 0;
        using var stopCheckpoints = new CancellationTokenSource();
        var checkpoints = checkpoint is null ? Task.CompletedTask : Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (await timer.WaitForNextTickAsync(stopCheckpoints.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result))
                await checkpoint();
        });
        var writer = Task.Run(async () =>
        {
            var insert = connection.CreateCommand();
            insert.CommandText = connection is SqliteConnection ? "INSERT INTO Probe (Body, CreatedAt) VALUES (@b, @t)" : "INSERT INTO probe (body, created_at) VALUES (@b, @t)";
            var body = insert.CreateParameter();
            body.ParameterName = "b";
            var at = insert.CreateParameter();
            at.ParameterName = "t";
            insert.Parameters.Add(body);
            insert.Parameters.Add(at);
            var group = new List<(long Enqueued, int Index)>(256);
            while (await queue.Reader.WaitToReadAsync())
            {
                group.Clear();
                while (group.Count < 256 && queue.Reader.TryRead(out var item))
                    group.Add(item);
                await using var transaction = await connection.BeginTransactionAsync();
                if (connection is NpgsqlConnection)
                {
                    // One statement for the group (as EF Core batches a SaveChanges): one round trip, then the commit.
                    await using var batch = new NpgsqlCommand("INSERT INTO probe (body, created_at) SELECT * FROM unnest(@b::text[], @t::timestamptz[])", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
                    batch.Parameters.AddWithValue("b", group.Select(i => Body(i.Index)).ToArray());
                    batch.Parameters.AddWithValue("t", group.Select(_ => DateTime.UtcNow).ToArray());
                    await batch.ExecuteNonQueryAsync();
                }
                else
                {
                    // In process: a prepared statement per row costs no round trip.
                    insert.Transaction = transaction;
                    foreach (var item in group)
                    {
                        body.Value = Body(item.Index);
                        at.Value = DateTime.UtcNow;
                        await insert.ExecuteNonQueryAsync();
                    }
                }
                await transaction.CommitAsync();
                groups++;
                var now = Stopwatch.GetTimestamp();
                foreach (var item in group)
                    latencies[item.Index] = Stopwatch.GetElapsedTime(item.Enqueued, now).TotalMilliseconds;
            }
        });
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
                queue.Writer.TryWrite((Stopwatch.GetTimestamp(), sent));
            if (sent < total)
                await Task.Delay(1);
        }
        queue.Writer.Complete();
        await writer;
        await stopCheckpoints.CancelAsync();
        await checkpoints;
        var p = Percentiles.Of(latencies);
        var step = new CommitProbeStep(label, rate, total, p.P50, p.P95, p.P99, p.Max, (double)total / Math.Max(1, groups));
        log($"  commit {rate,6}/s  {label}: p50 {p.P50,7:F2} ms  p95 {p.P95,7:F2} ms  p99 {p.P99,7:F2} ms  ({step.MeanGroup:F1} rows per commit)");
        return step;
    }

    private static string Body(int index) => $"{index} Hola, ¿tenéis la talla M? Quiero cambiar mi pedido {new string('x', 100)}";

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
