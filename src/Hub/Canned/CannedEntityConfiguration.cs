using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Canned;

internal sealed class CannedResponseConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> b)
    {
        b.ToTable("CannedResponses");
        b.Property(c => c.Shortcut).HasMaxLength(40);
        b.Property(c => c.Text).HasMaxLength(4000);
        b.Property(c => c.Team).HasMaxLength(100);
        b.HasIndex(c => new { c.Scope, c.OwnerOperatorId });
    }
}
