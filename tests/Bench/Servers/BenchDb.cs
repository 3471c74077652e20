using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Bench;

/// <summary>The hub's database, from the bench's side (operators, counts): SQLite or PostgreSQL.</summary>
public sealed class BenchDb(bool postgreSql, string connectionString)
{
    public bool PostgreSql => postgreSql;
    public string ConnectionString => connectionString;

    public OmnichannelDb Context() => postgreSql
        ? new PostgreSqlDb(new DbContextOptionsBuilder<PostgreSqlDb>().UseNpgsql(connectionString).Options)
        : new OmnichannelDb(new DbContextOptionsBuilder<OmnichannelDb>().UseSqlite(connectionString + ";Default Timeout=30").Options);

    /// <summary>A scalar query; identifiers in double quotes work on both engines.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var db = Context();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public Task<long> InboundMessagesAsync() => CountAsync("""SELECT COUNT(*) FROM "Messages" WHERE "Direction" = 'Inbound'""");

    /// <summary>
    /// Waits (bounded) until the hub has handled every stored message's event (the outbox is empty), so a step does not
    /// start behind the previous one's backlog. Returns false when it did not get there in time.
    /// </summary>
    public async Task<bool> WaitIdleAsync(TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await CountAsync("""SELECT COUNT(*) FROM "DomainEvents" """) > 0)
        {
            if (clock.Elapsed > limit)
                return false;
            await Task.Delay(100);
        }
        return true;
    }

    public Task<long> WaitingAsync() => CountAsync("""SELECT COUNT(*) FROM "Conversations" WHERE "State" = 'Waiting' AND "AssignedOperatorId" IS NULL""");
}
