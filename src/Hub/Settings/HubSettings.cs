using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Settings;

/// <summary>
/// Settings stored in the database over appsettings: read at start, and applied to the running hub the moment an
/// admin saves them (SLA targets for the next clock, opening hours for the widget at once).
/// </summary>
public sealed class HubSettings(OmnichannelDb db, SlaPolicies policies, OpeningHours hours, TimeProvider time)
{
    public const string SlaKey = "sla";
    public const string OpeningHoursKey = "opening-hours";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public SlaSettings CurrentSla() =>
        new([.. policies.All.OrderBy(p => p.Channel).Select(p => new SlaPolicySetting(p.Channel, (int)p.FirstResponse.TotalSeconds, (int)p.NextResponse.TotalSeconds, p.Calendar is not null))]);

    public OpeningHoursSettings CurrentOpeningHours() => SettingsRules.FromOptions(hours.Options);

    /// <summary>Adds the change to the unit of work (the caller saves it with its audit entry), then applies it.</summary>
    public async Task StageAsync<T>(string key, T value, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(value, Json);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
            db.Settings.Add(row = new StoredSetting { Key = key, Json = json });
        row.Json = json;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Reads what is stored and applies it (at start, and after a save).</summary>
    public async Task ApplyStoredAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Json, cancellationToken);
        if (rows.TryGetValue(OpeningHoursKey, out var openingJson) && JsonSerializer.Deserialize<OpeningHoursSettings>(openingJson, Json) is { } opening)
            hours.Replace(SettingsRules.ToOptions(opening));
        if (rows.TryGetValue(SlaKey, out var slaJson) && JsonSerializer.Deserialize<SlaSettings>(slaJson, Json) is { } sla)
            policies.Replace(sla.Policies.ToDictionary(p => p.Channel, p => new SlaPolicy(p.Channel,
                TimeSpan.FromSeconds(p.FirstResponseSeconds), TimeSpan.FromSeconds(p.NextResponseSeconds), p.BusinessHours ? hours.Calendar : null)));
    }
}
