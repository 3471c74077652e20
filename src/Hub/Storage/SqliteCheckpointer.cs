using Microsoft.Data.Sqlite;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Moves the SQLite write-ahead log into the database file in the background. Automatic checkpoints are off
/// (<see cref="SqliteTuning"/>): SQLite would otherwise run one inside whichever commit crosses 1,000 WAL pages —
/// copying pages and syncing the database file while every message waiting for that commit waits too, the
/// periodic stall that set p99. A passive checkpoint never blocks readers or writers; it copies what it can.
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, WalFile wal, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The log starts over by itself after a passive checkpoint has caught up in a quiet moment. Only if constant
    /// writes never leave one does a RESTART checkpoint force it past this size — a safety valve, not a routine:
    /// forcing it (RESTART or TRUNCATE at 64 MB) stalled every commit for ~300 ms on the bench.
    /// </summary>
    public const long MaxWalBytes = 1024L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = connection.CreateCommand();
                    var restart = wal.Path is { } log && File.Exists(log) && new FileInfo(log).Length > MaxWalBytes;
                    command.CommandText = restart ? "PRAGMA wal_checkpoint(RESTART);" : "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (SqliteException ex)
                {
                    logger.LogWarning(ex, "WAL checkpoint failed; trying again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
