using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Teams;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => t.Name).IsUnique();
        b.Property(t => t.Channels).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(200);
        b.Property(t => t.Skills).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(500);
        b.Property(t => t.PageGroups).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(1000);
        b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasKey(m => new { m.TeamId, m.OperatorId });
        b.HasIndex(m => m.OperatorId);
    }
}
