using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing.Rules;

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Channel).HasMaxLength(32);
        b.Property(r => r.PageGroup).HasMaxLength(300);
        b.Property(r => r.Language).HasMaxLength(35);
        b.Property(r => r.Keywords).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(2000);
        b.Property(r => r.Skills).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(1000);
        b.HasOne<Teams.Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
