using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Notes;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.ToTable("Notes");
        b.Property(n => n.Text).HasMaxLength(10_000);
        b.Property(n => n.Kind).HasMaxLength(32);
        b.Property(n => n.Mentions).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(500);
        b.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId);
        b.HasIndex(n => new { n.ConversationId, n.Id });
    }
}
