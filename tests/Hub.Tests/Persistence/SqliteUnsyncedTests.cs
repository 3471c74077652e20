using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Persistence;

/// <summary>
/// Writes whose loss on power loss is harmless (a handled event's delete, a routing group) commit without a disk sync of
/// their own; the connection they used goes back to the pool synced as configured, so no later write — an accepted
/// message above all — is ever committed unsynced by accident.
/// </summary>
public sealed class SqliteUnsyncedTests : IDisposable
{
    private readonly SqliteHubFactory hub = new();

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task AnUnsyncedTransaction_CommitsUnsynced_AndLeavesItsConnectionSyncedAsConfigured()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        // Held open by the test, so the connection checked afterwards is the very one the transaction used.
        await db.Database.OpenConnectionAsync();
        Assert.Equal(Full, await SynchronousAsync(db));

        await using (await SqliteUnsynced.OpenAsync(db, SqliteSynchronous.Full, CancellationToken.None))
        {
            Assert.Equal(Normal, await SynchronousAsync(db));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS \"UnsyncedProbe\" (\"Id\" INTEGER PRIMARY KEY)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"UnsyncedProbe\" DEFAULT VALUES");
            await transaction.CommitAsync();
        }

        Assert.Equal(Full, await SynchronousAsync(db));
        Assert.Equal(1, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"UnsyncedProbe\"").SingleAsync());
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task AHubConfiguredUnsynced_IsLeftUnsynced()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL");

        await using (await SqliteUnsynced.OpenAsync(db, SqliteSynchronous.Normal, CancellationToken.None))
            Assert.Equal(Normal, await SynchronousAsync(db));

        Assert.Equal(Normal, await SynchronousAsync(db));
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL");
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task OnAnotherStore_TheConnectionIsOnlyOpened()
    {
        using var postgres = new PostgreSqlHubFactory();
        await using var scope = postgres.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();

        await using (await SqliteUnsynced.OpenAsync(db, SqliteSynchronous.Full, CancellationToken.None))
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
    }

    private const long Normal = 1;
    private const long Full = 2;

    private static Task<long> SynchronousAsync(OmnichannelDb db) =>
        db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync();
}
