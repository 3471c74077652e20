using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

public enum TurnedAwayKind
{
    /// <summary>A page with the widget loaded while live chat was busy: chat was not offered.</summary>
    PageViewBusy,
    /// <summary>A visitor wrote to start a chat while it was busy and was pointed to the other channels.</summary>
    ChatRefused,
}

/// <summary>Demand the shop turned away because capacity was full — the honest counterpart of "no tickets".</summary>
public sealed class TurnedAway
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public TurnedAwayKind Kind { get; set; }
    /// <summary>The wait the widget predicted at the time, when someone was online.</summary>
    public int? PredictedWaitSeconds { get; set; }
    public string? Path { get; set; }
}

internal sealed class TurnedAwayConfiguration : IEntityTypeConfiguration<TurnedAway>
{
    public void Configure(EntityTypeBuilder<TurnedAway> b)
    {
        b.ToTable("TurnedAway");
        b.Property(t => t.Path).HasMaxLength(300);
        b.HasIndex(t => t.At);
    }
}

/// <summary>Writes one <see cref="TurnedAway"/> row; never fails the visitor's request.</summary>
public sealed class TurnedAwayRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<TurnedAwayRecorder> logger)
{
    public async Task RecordAsync(TurnedAwayKind kind, int? predictedWaitSeconds, string? path, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            db.Add(new TurnedAway { At = time.GetUtcNow().UtcDateTime, Kind = kind, PredictedWaitSeconds = predictedWaitSeconds, Path = path is { Length: > 300 } ? path[..300] : path });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not record turned-away demand");
        }
    }
}
