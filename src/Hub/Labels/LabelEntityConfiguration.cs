using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Labels;

internal sealed class LabelConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> b)
    {
        b.ToTable("Labels");
        b.Property(l => l.Name).HasMaxLength(50);
        b.Property(l => l.Color).HasMaxLength(7);
        b.HasIndex(l => l.Name).IsUnique();
    }
}

internal sealed class ConversationLabelConfiguration : IEntityTypeConfiguration<ConversationLabel>
{
    public void Configure(EntityTypeBuilder<ConversationLabel> b)
    {
        b.ToTable("ConversationLabels");
        b.HasKey(x => new { x.ConversationId, x.LabelId });
        b.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
        b.HasOne<Label>().WithMany().HasForeignKey(x => x.LabelId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.LabelId);
    }
}

internal sealed class ContactLabelConfiguration : IEntityTypeConfiguration<ContactLabel>
{
    public void Configure(EntityTypeBuilder<ContactLabel> b)
    {
        b.ToTable("ContactLabels");
        b.HasKey(x => new { x.ContactId, x.LabelId });
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId);
        b.HasOne<Label>().WithMany().HasForeignKey(x => x.LabelId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.LabelId);
    }
}
