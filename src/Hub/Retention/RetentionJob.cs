using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Retention;

/// <summary>Bound from <c>Privacy</c>: how long visitor tracking data is kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>Visitor profiles (by last visit), dwell samples, engagement events and closed operator alerts older than this are deleted.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the purge runs.</summary>
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Deletes visitor tracking data past its retention, on a schedule (and once at start).</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeEvery, time);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                    logger.LogInformation("Retention: deleted {Count} visitor records older than {Days} days", purged, options.Value.RetentionDays);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention purge failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff(time.GetUtcNow().UtcDateTime, options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.VisitorProfiles.Where(p => p.LastSeen < cutoff).ExecuteDeleteAsync(cancellationToken)
               + await db.DwellSamples.Where(s => s.At < cutoff).ExecuteDeleteAsync(cancellationToken)
               + await db.EngagementEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken)
               + await db.Set<Alerts.OperatorAlert>().Where(a => a.ClosedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Pure: the oldest moment kept.</summary>
    public static DateTime Cutoff(DateTime now, int retentionDays) => now.AddDays(-Math.Max(1, retentionDays));
}
