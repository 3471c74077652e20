namespace Omnichannel.Hub.Settings;

/// <summary>A group of settings an admin changed in the console (JSON), overriding appsettings without a restart.</summary>
public sealed class StoredSetting
{
    /// <summary>"sla", "opening-hours".</summary>
    public required string Key { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; }
}
