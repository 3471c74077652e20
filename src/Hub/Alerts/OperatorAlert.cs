using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Alerts;

/// <summary>
/// An alert sent to an operator off-screen, walked down their means (<see cref="Means"/>, in order) until acknowledged.
/// Kept in the database so its fallback fires once across hubs and survives the hub that raised it dying.
/// </summary>
public sealed class OperatorAlert
{
    public long Id { get; set; }
    public long OperatorId { get; set; }
    public long ConversationId { get; set; }
    public long? OfferId { get; set; }
    /// <summary>offer, waiting, mention.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>The operator's means set up when it was raised, comma-separated in the order they are tried ("WebPush,Telegram").</summary>
    public required string Means { get; set; }
    /// <summary>Index in <see cref="Means"/> of the means in use.</summary>
    public int Step { get; set; }
    /// <summary>When the next means takes over if nobody acknowledged; null: no further means.</summary>
    public DateTime? FallbackAt { get; set; }
    public DateTime RaisedAt { get; set; }
    /// <summary>Acknowledged, settled or done; null while open.</summary>
    public DateTime? ClosedAt { get; set; }

    public List<AlertMeansKind> MeansList() => [.. Means.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<AlertMeansKind>)];

    public AlertPayload Payload() => new(Id, Kind, ConversationId, OfferId, Title, Body, $"/console?conversation={ConversationId}", $"/api/alerts/{Id}/ack");
}

internal sealed class OperatorAlertConfiguration : IEntityTypeConfiguration<OperatorAlert>
{
    public void Configure(EntityTypeBuilder<OperatorAlert> e)
    {
        e.ToTable("OperatorAlerts");
        e.Property(a => a.Kind).HasMaxLength(32);
        e.Property(a => a.Title).HasMaxLength(512);
        e.Property(a => a.Body).HasMaxLength(1024);
        e.Property(a => a.Means).HasMaxLength(128);
        e.HasIndex(a => a.FallbackAt);
        e.HasIndex(a => a.ConversationId);
        e.HasIndex(a => a.OfferId);
    }
}
