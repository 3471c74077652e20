using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Targeting;

/// <summary>One page a web visitor opened: the page trail in the operator's customer panel.</summary>
public sealed class VisitorPageView
{
    public long Id { get; set; }
    public required string VisitorId { get; set; }
    public required string Path { get; set; }
    public string? Title { get; set; }
    public DateTime At { get; set; }
}

internal sealed class VisitorPageViewConfiguration : IEntityTypeConfiguration<VisitorPageView>
{
    public void Configure(EntityTypeBuilder<VisitorPageView> b)
    {
        b.ToTable("VisitorPageViews");
        b.Property(v => v.VisitorId).HasMaxLength(64);
        b.Property(v => v.Path).HasMaxLength(300);
        b.Property(v => v.Title).HasMaxLength(120);
        b.HasIndex(v => new { v.VisitorId, v.Id });
    }
}
