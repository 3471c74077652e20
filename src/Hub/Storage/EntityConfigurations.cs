using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Storage;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.DisplayName).HasMaxLength(200);
        b.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.ContactId);
    }
}

internal sealed class ContactIdentityConfiguration : IEntityTypeConfiguration<ContactIdentity>
{
    public void Configure(EntityTypeBuilder<ContactIdentity> b)
    {
        b.Property(i => i.Handle).HasMaxLength(320);
        b.HasIndex(i => new { i.Channel, i.Handle }).IsUnique();
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.Property(c => c.ContactHandle).HasMaxLength(320);
        b.Property(c => c.LastMessagePreview).HasMaxLength(200);
        b.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId);
        b.HasIndex(c => new { c.ContactId, c.Channel, c.State });
        b.HasIndex(c => new { c.State, c.LastMessageAt });
        b.HasIndex(c => c.AssignedOperatorId);
        b.HasIndex(c => new { c.Channel, c.ContactHandle });
        b.Property(c => c.RequiredSkills).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(500);
        // The queue is ordered by the SLA due time; the deadline engine reads only what is due to be checked.
        b.HasIndex(c => c.SlaDueAt).HasFilter("SlaDueAt IS NOT NULL");
        b.HasIndex(c => c.SlaNextCheckAt).HasFilter("SlaNextCheckAt IS NOT NULL");
        b.HasIndex(c => c.OverflowAt).HasFilter("OverflowAt IS NOT NULL");
        // Reports: the range scan covers the volume heat map; a contact's earlier conversation is one probe; the
        // resolution percentiles walk the channel's resolution times in order.
        b.HasIndex(c => new { c.CreatedAt, c.Channel, c.AssignedOperatorId, c.ContactId }).HasDatabaseName("IX_Conversations_Reports");
        b.HasIndex(c => new { c.ContactId, c.CreatedAt });
        // The per-operator report (conversations and mean handle time per holder) and the resolution-time buckets: one
        // covering range scan each.
        b.HasIndex(c => new { c.CreatedAt, c.Channel, c.AssignedOperatorId, c.HandleSeconds, c.ResolutionSeconds }).HasDatabaseName("IX_Conversations_Durations");
        b.HasIndex(c => new { c.Channel, c.ResolutionSeconds, c.CreatedAt }).HasFilter("\"ResolutionSeconds\" IS NOT NULL");
        // Capacity (issue 18): the routing queue in order, per channel (counts and places are index ranges) and overall
        // (the drain reads it a page at a time); an operator's open load; the ladder's due steps; the latest closed chats.
        b.HasIndex(c => new { c.QueueDeadline, c.Id }).HasDatabaseName("IX_Conversations_Queue").HasFilter("QueueDeadline IS NOT NULL");
        b.HasIndex(c => new { c.Channel, c.QueueDeadline, c.Id }).HasDatabaseName("IX_Conversations_ChannelQueue").HasFilter("QueueDeadline IS NOT NULL");
        b.HasIndex(c => new { c.AssignedOperatorId, c.State, c.Channel }).HasDatabaseName("IX_Conversations_OperatorLoad");
        b.HasIndex(c => new { c.Channel, c.State, c.BroadcastAt, c.WaitingSince }).HasDatabaseName("IX_Conversations_BroadcastDue");
        b.HasIndex(c => new { c.Channel, c.State, c.SupervisorsAlertedAt, c.WaitingSince }).HasDatabaseName("IX_Conversations_AlertDue");
        b.HasIndex(c => new { c.Channel, c.State, c.ClosedAt }).HasDatabaseName("IX_Conversations_RecentlyClosed");
        // The inbox's Closed view, latest first: one page read in index order, not every closed conversation sorted.
        b.HasIndex(c => new { c.State, c.ClosedAt, c.Id }).HasDatabaseName("IX_Conversations_ClosedInbox");
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.Property(m => m.ProviderMessageId).HasMaxLength(300);
        b.Property(m => m.ClientMessageId).HasMaxLength(100);
        b.HasIndex(m => new { m.Channel, m.ProviderMessageId }).IsUnique().HasFilter("ProviderMessageId IS NOT NULL");
        b.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique().HasFilter("ClientMessageId IS NOT NULL");
        b.HasOne(m => m.Conversation).WithMany().HasForeignKey(m => m.ConversationId);
        b.HasIndex(m => new { m.ConversationId, m.Id });
        b.Property(m => m.QuickReplies).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(200);
        b.Property(m => m.Attachments).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<Attachment>>(v, Json) ?? new List<Attachment>(),
            new ValueComparer<List<Attachment>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
        b.Property(m => m.Reaction).HasMaxLength(32);
        b.Property(m => m.Metadata).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>((a, c) => a!.Count == c!.Count && !a.Except(c).Any(), v => v.Count, v => new Dictionary<string, string>(v)));
    }
}

internal sealed class OutboxItemConfiguration : IEntityTypeConfiguration<OutboxItem>
{
    public void Configure(EntityTypeBuilder<OutboxItem> b)
    {
        b.HasOne(o => o.Message).WithMany().HasForeignKey(o => o.MessageId);
        b.HasIndex(o => o.DueAt).HasFilter("DueAt IS NOT NULL");
    }
}

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    public void Configure(EntityTypeBuilder<Operator> b)
    {
        b.Property(o => o.Email).HasMaxLength(320);
        b.Property(o => o.DisplayName).HasMaxLength(200);
        b.Property(o => o.Role).HasMaxLength(32);
        b.HasIndex(o => o.Email).IsUnique();
        b.Property(o => o.Skills).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(500);
        b.Property(o => o.Languages).HasConversion(new StringListConverter(), StringListConverter.Comparer).HasMaxLength(200);
        b.Property(o => o.Locale).HasMaxLength(16).HasDefaultValue("en");
        // The load counters belong to the database's triggers: EF Core never writes them (insert or update).
        foreach (var load in new[] { b.Property(o => o.LiveLoad), b.Property(o => o.AsyncLoad) })
        {
            load.HasDefaultValue(0);
            load.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            load.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        }
    }
}

internal sealed class ChannelCursorConfiguration : IEntityTypeConfiguration<ChannelCursor>
{
    public void Configure(EntityTypeBuilder<ChannelCursor> b)
    {
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(200);
    }
}
