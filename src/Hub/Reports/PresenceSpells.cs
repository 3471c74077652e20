using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>A stretch of time an operator was online (available or away); open while <see cref="EndedAt"/> is null.</summary>
public sealed class PresenceSpell
{
    public long Id { get; set; }
    public long OperatorId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class PresenceSpellConfiguration : IEntityTypeConfiguration<PresenceSpell>
{
    public void Configure(EntityTypeBuilder<PresenceSpell> b)
    {
        b.ToTable("PresenceSpells");
        b.HasIndex(s => new { s.OperatorId, s.EndedAt });
        b.HasIndex(s => new { s.StartedAt, s.OperatorId, s.EndedAt });
    }
}

/// <summary>
/// Writes presence spells as presence changes (the occupancy report's "time online"): going online opens a spell unless
/// one is open, going offline closes the open one. A spell left open by a process that died ends at the next change.
/// </summary>
public sealed class PresenceSpellRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<PresenceSpellRecorder> logger)
    : INotificationHandler<PresenceChanged>
{
    public async ValueTask Handle(PresenceChanged notification, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            await RecordAsync(db, notification.Operator.Id, notification.Operator.Presence != Presence.Offline, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Could not record the presence spell of operator {OperatorId}", notification.Operator.Id);
        }
    }

    public static async Task RecordAsync(OmnichannelDb db, long operatorId, bool online, DateTime now, CancellationToken cancellationToken)
    {
        var open = db.Set<PresenceSpell>().Where(s => s.OperatorId == operatorId && s.EndedAt == null);
        if (online)
        {
            if (!await open.AnyAsync(cancellationToken))
            {
                db.Add(new PresenceSpell { OperatorId = operatorId, StartedAt = now });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        else
            await open.ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }
}
