namespace Omnichannel.Hub.Storage;

/// <summary>Bound from <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SQLite connection string; the folder of the database file is created at start.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/omnichannel.db";

    /// <summary>Where the keys that sign visitor tokens and login cookies are kept.</summary>
    public string KeysDirectory { get; set; } = "data/keys";

    /// <summary>Where files that came with customer messages (email attachments) are kept.</summary>
    public string AttachmentsDirectory { get; set; } = "data/attachments";
}
