using System.Security.Claims;
using System.Text.Json;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work: the entry is saved by the same SaveChanges as the change it
/// describes, so a change is never stored without its entry (nor an entry without its change).
/// </summary>
public sealed class AuditLog(OmnichannelDb db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(ClaimsPrincipal actor, string action, string subject, object? before, object? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = long.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            ActorName = actor.FindFirstValue(ClaimTypes.Name) ?? "system",
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
