using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Sla;

internal sealed class BreachConfiguration : IEntityTypeConfiguration<Breach>
{
    public void Configure(EntityTypeBuilder<Breach> b)
    {
        b.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
        // A clock breaches once: raising it twice (two sweeps, two hub processes) fails on this index.
        b.HasIndex(x => new { x.ConversationId, x.Kind, x.StartedAt }).IsUnique();
        b.HasIndex(x => x.RaisedAt);
        b.HasIndex(x => new { x.Channel, x.RaisedAt });
        // Reports: breaches started in the range, with what their reason and filters read.
        b.HasIndex(x => new { x.StartedAt, x.Channel, x.OperatorId, x.ConversationId, x.DueAt });
    }
}

internal sealed class SlaMeasurementConfiguration : IEntityTypeConfiguration<SlaMeasurement>
{
    public void Configure(EntityTypeBuilder<SlaMeasurement> b)
    {
        b.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
        b.HasIndex(x => new { x.Channel, x.RespondedAt });
        b.HasIndex(x => x.RespondedAt);
        // Reports: the range scan covers attainment and the per-operator figures; the percentiles walk one channel's
        // first responses in order of response time.
        b.HasIndex(x => new { x.StartedAt, x.Channel, x.Kind, x.Met, x.OperatorId, x.ResponseSeconds });
        b.HasIndex(x => new { x.Kind, x.Channel, x.ResponseSeconds, x.StartedAt });
        // The per-operator report's first responses: one kind, walked in operator order (no row lookups, no sort); it leads
        // with OperatorId so the percentiles keep (Kind, Channel, ResponseSeconds, StartedAt).
        b.HasIndex(x => new { x.Kind, x.OperatorId, x.StartedAt, x.Channel, x.Met, x.ResponseSeconds }).HasDatabaseName("IX_SlaMeasurements_Operators");
    }
}
