using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Infrastructure;

/// <summary>A hub on SQLite whatever the test pass's provider (for tests that pin or compare providers).</summary>
public sealed class SqliteHubFactory : HubFactory
{
    public SqliteHubFactory() => Storage = StorageProvider.Sqlite;
}

/// <summary>A hub on a throw-away PostgreSQL database whatever the test pass's provider.</summary>
public sealed class PostgreSqlHubFactory : HubFactory
{
    public PostgreSqlHubFactory() => Storage = StorageProvider.PostgreSql;
}
