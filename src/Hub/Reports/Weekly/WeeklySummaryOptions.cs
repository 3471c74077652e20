using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Reports.Weekly;

/// <summary>The weekly e-mail summary to admins (Reports:WeeklySummary): off unless enabled.</summary>
public sealed class WeeklySummaryOptions
{
    public const string Section = "Reports:WeeklySummary";

    public bool Enabled { get; set; }

    /// <summary>The shop-local time on Monday after which last week's summary is sent.</summary>
    public TimeSpan SendAfter { get; set; } = TimeSpan.FromHours(7);
}

/// <summary>
/// One admin's summary of one week: written once (unique per week and admin, whichever hub process comes first), claimed
/// for a few minutes by the process sending it, marked sent when the SMTP server took it.
/// </summary>
public sealed class WeeklySummarySend
{
    public long Id { get; set; }
    /// <summary>The Monday (shop-local date) the summarised week starts.</summary>
    public DateOnly Week { get; set; }
    public long OperatorId { get; set; }
    public required string Email { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class WeeklySummarySendConfiguration : IEntityTypeConfiguration<WeeklySummarySend>
{
    public void Configure(EntityTypeBuilder<WeeklySummarySend> b)
    {
        b.ToTable("WeeklySummarySends");
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.LastError).HasMaxLength(500);
        b.HasIndex(s => new { s.Week, s.OperatorId }).IsUnique();
    }
}
