using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Alerts;

/// <summary>A browser's PushSubscription an operator registered (opt-in to Web Push alerts).</summary>
public sealed class PushSubscriptionRecord
{
    public long Id { get; set; }
    public long OperatorId { get; set; }
    public required string Endpoint { get; set; }
    public required string P256dh { get; set; }
    public required string Auth { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>How an operator wants to be reached when their console is not on screen.</summary>
public sealed class OperatorAlertSettings
{
    public long OperatorId { get; set; }
    /// <summary>Their private chat with the hub's Telegram bot (fallback after Web Push).</summary>
    public long? TelegramChatId { get; set; }
    /// <summary>Also alert them while their presence is away, when a web chat still waits at the supervisors' step.</summary>
    public bool NotifyWhenAway { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<PushSubscriptionRecord> e)
    {
        e.ToTable("PushSubscriptions");
        e.Property(s => s.Endpoint).HasMaxLength(2048);
        e.Property(s => s.P256dh).HasMaxLength(256);
        e.Property(s => s.Auth).HasMaxLength(128);
        e.HasIndex(s => s.Endpoint).IsUnique();
        e.HasIndex(s => s.OperatorId);
        e.HasOne<Operators.Operator>().WithMany().HasForeignKey(s => s.OperatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OperatorAlertSettingsConfiguration : IEntityTypeConfiguration<OperatorAlertSettings>
{
    public void Configure(EntityTypeBuilder<OperatorAlertSettings> e)
    {
        e.ToTable("OperatorAlertSettings");
        e.HasKey(s => s.OperatorId);
        e.HasOne<Operators.Operator>().WithMany().HasForeignKey(s => s.OperatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
