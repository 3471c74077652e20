using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Contacts;

/// <summary>
/// A merge of one contact into another, recorded with exactly what moved so it can be undone: identities, conversations,
/// labels, and the fields the survivor took over because it had none.
/// </summary>
public sealed class ContactMerge
{
    public long Id { get; set; }
    public long SurvivorContactId { get; set; }
    public long MergedContactId { get; set; }
    public long? ByOperatorId { get; set; }
    public DateTime MergedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
    public long? UndoneByOperatorId { get; set; }
    public List<string> IdentityIds { get; set; } = [];
    public List<string> ConversationIds { get; set; } = [];
    public List<string> LabelIds { get; set; } = [];
    /// <summary>"email", "phone", "about": copied from the merged contact because the survivor had none.</summary>
    public List<string> FilledFields { get; set; } = [];
}

public sealed record ContactMergeDto(long Id, long SurvivorContactId, long MergedContactId, long? ByOperatorId, DateTime MergedAt, DateTime? UndoneAt, int Identities, int Conversations)
{
    public static ContactMergeDto From(ContactMerge m) => new(m.Id, m.SurvivorContactId, m.MergedContactId, m.ByOperatorId, m.MergedAt, m.UndoneAt, m.IdentityIds.Count, m.ConversationIds.Count);
}

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> b)
    {
        b.ToTable("ContactMerges");
        b.Property(m => m.IdentityIds).HasConversion(new StringListConverter(), StringListConverter.Comparer);
        b.Property(m => m.ConversationIds).HasConversion(new StringListConverter(), StringListConverter.Comparer);
        b.Property(m => m.LabelIds).HasConversion(new StringListConverter(), StringListConverter.Comparer);
        b.Property(m => m.FilledFields).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(100);
        b.HasIndex(m => m.SurvivorContactId);
        b.HasIndex(m => m.MergedContactId);
    }
}
