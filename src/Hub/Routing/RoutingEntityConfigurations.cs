using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Routing;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.HasIndex(o => new { o.State, o.ExpiresAt });
        b.HasIndex(o => new { o.ConversationId, o.State });
        // No index for an operator's load: it is kept on their row (Operators.LiveLoad/AsyncLoad, OperatorLoadSql); the
        // recount reads their offers through the next index.
        // What an operator accepted since a time (their open busy spell's web chats, read at every web chat's close).
        b.HasIndex(o => new { o.OperatorId, o.State, o.AnsweredAt });
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.Property(t => t.Detail).HasMaxLength(500);
        b.HasIndex(t => new { t.ConversationId, t.Id });
    }
}
