namespace Omnichannel.Hub.Audit;

/// <summary>One admin or supervisor change: who, what, on which subject, the state before and after (JSON), when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long? ActorId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>e.g. "operator.updated", "team.created", "settings.sla.updated", "conversation.taken-over".</summary>
    public required string Action { get; set; }
    /// <summary>What was changed, e.g. "operator 12", "team 3", "sla WebChat".</summary>
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

public sealed record AuditEntryDto(long Id, DateTime At, long? ActorId, string ActorName, string Action, string Subject, string? Before, string? After)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.Subject, e.Before, e.After);
}
