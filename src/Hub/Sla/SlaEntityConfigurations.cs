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
    }
}

internal sealed class SlaMeasurementConfiguration : IEntityTypeConfiguration<SlaMeasurement>
{
    public void Configure(EntityTypeBuilder<SlaMeasurement> b)
    {
        b.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId);
        b.HasIndex(x => new { x.Channel, x.RespondedAt });
        b.HasIndex(x => x.RespondedAt);
    }
}
