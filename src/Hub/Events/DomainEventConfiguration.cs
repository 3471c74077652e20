using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Events;

internal sealed class DomainEventConfiguration : IEntityTypeConfiguration<DomainEvent>
{
    public void Configure(EntityTypeBuilder<DomainEvent> b)
    {
        b.ToTable("DomainEvents");
        b.Property(e => e.ClaimedBy).HasMaxLength(200);
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasOne(e => e.Conversation).WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Message).WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        // In order per conversation: "is there an earlier event of this conversation" is one index probe.
        b.HasIndex(e => new { e.ConversationId, e.Id });
        b.HasIndex(e => e.ClaimedUntil);
    }
}
