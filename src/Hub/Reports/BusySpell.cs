using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// A stretch of time an operator held at least one accepted web chat (the occupancy report's "time busy"): it opens when
/// their count of held web chats goes 0 → 1 and ends when it goes back to 0; open while <see cref="EndedAt"/> is null.
/// Written in the transaction of the accept and of the close (<see cref="BusySpells"/>), so the report sums spells
/// instead of joining every accepted chat of the range.
/// </summary>
public sealed class BusySpell
{
    public long Id { get; set; }
    public long OperatorId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class BusySpellConfiguration : IEntityTypeConfiguration<BusySpell>
{
    public void Configure(EntityTypeBuilder<BusySpell> b)
    {
        b.ToTable("BusySpells");
        b.HasIndex(s => new { s.OperatorId, s.EndedAt });
        b.HasIndex(s => new { s.StartedAt, s.OperatorId, s.EndedAt });
    }
}
