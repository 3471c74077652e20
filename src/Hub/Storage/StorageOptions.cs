namespace Omnichannel.Hub.Storage;

/// <summary>Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><see cref="StorageProvider.Sqlite"/> (embedded, one process) or <see cref="StorageProvider.PostgreSql"/> (several hubs).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. SQLite: the folder of the database file is created at start.
    /// PostgreSQL: an Npgsql connection string (Host=…;Database=…;Username=…;Password=…); the database is migrated at start.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/omnichannel.db";

    /// <summary>Where the keys that sign visitor tokens and login cookies are kept.</summary>
    public string KeysDirectory { get; set; } = "data/keys";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting (WAL mode). <see cref="SqliteSynchronous.Full"/> (default): every commit is
    /// synced to disk before a message is acknowledged — survives power loss. <see cref="SqliteSynchronous.Normal"/>:
    /// the commit is written to the WAL file before the ack but synced only at checkpoints — survives a crash of the
    /// hub, may lose the last commits on power loss or an OS crash; saves one disk sync per (grouped) commit.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Where files that came with customer messages (email attachments) are kept.</summary>
    public string AttachmentsDirectory { get; set; } = "data/attachments";
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
