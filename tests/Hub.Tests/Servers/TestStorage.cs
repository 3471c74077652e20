using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Servers;

/// <summary>
/// Which database the test hubs use: SQLite files by default; <c>OMNICHANNEL_TEST_STORAGE=PostgreSql</c> runs the same
/// tests against a throw-away PostgreSQL server (test.sh runs the integration tests both ways).
/// </summary>
public static class TestStorage
{
    public const string Variable = "OMNICHANNEL_TEST_STORAGE";

    public static StorageProvider Provider { get; } =
        Enum.TryParse<StorageProvider>(Environment.GetEnvironmentVariable(Variable), ignoreCase: true, out var p) ? p : StorageProvider.Sqlite;

    /// <summary>The database of a hub whose files live in <paramref name="dataDirectory"/> (same folder = same database, a restart).</summary>
    public static string DatabaseName(string dataDirectory) => "hub_" + Path.GetFileName(dataDirectory).ToLowerInvariant();

    /// <summary>Settings that point a hub at its database, created on first use.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string dataDirectory, StorageProvider provider)
    {
        if (provider == StorageProvider.Sqlite)
            return [new("Storage:Provider", "Sqlite"), new("Storage:ConnectionString", $"Data Source={Path.Combine(dataDirectory, "hub.db")}")];
        var connectionString = Task.Run(async () =>
        {
            var server = await PostgresServer.SharedAsync().ConfigureAwait(false);
            return await server.CreateDatabaseAsync(DatabaseName(dataDirectory)).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        return [new("Storage:Provider", "PostgreSql"), new("Storage:ConnectionString", connectionString)];
    }

    public static void Drop(string dataDirectory, StorageProvider provider)
    {
        if (provider == StorageProvider.PostgreSql)
            Task.Run(async () => await (await PostgresServer.SharedAsync().ConfigureAwait(false)).DropDatabaseAsync(DatabaseName(dataDirectory)).ConfigureAwait(false))
                .GetAwaiter().GetResult();
    }
}
