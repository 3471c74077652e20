using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <param name="AtRisk">At-risk alerts raised in this sweep.</param>
/// <param name="Breaches">Breaches raised (and stored) in this sweep.</param>
/// <param name="NextCheckAt">The nearest deadline still pending (the timer is armed for it).</param>
public sealed record SlaSweepResult(int AtRisk, int Breaches, DateTime? NextCheckAt);

/// <summary>
/// Raises at-risk alerts and breaches on time. Every running clock has its next check time persisted
/// (<see cref="Conversation.SlaNextCheckAt"/>, indexed), so a sweep reads only what is due — its cost grows with
/// what is due, not with what is open. The <see cref="Scheduling.Scheduler"/> (on <see cref="TimeProvider"/>) is woken
/// for the nearest check and sweeps periodically as a safety net; a sweep at start raises what came due while the
/// hub was down. Each alert is claimed with a conditional update (…RaisedAt IS NULL), and breaches are
/// unique per clock, so several sweeps or hub processes never raise one twice.
/// </summary>
public sealed class SlaDeadlineEngine(
    IServiceScopeFactory scopes, TimeProvider time, Scheduling.Scheduler scheduler, SlaPolicies policies, SlaMetrics metrics,
    IOptions<SlaOptions> options, WriteTurns turns, ILogger<SlaDeadlineEngine> logger)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Raised once a sweep has finished (tests and the benchmark can observe the engine with it).</summary>
    public event Action<SlaSweepResult>? Swept;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Deadlines come back from storage: whatever came due while the hub was down is raised now, the rest is armed.
        _ = Task.Run(async () =>
        {
            try
            {
                await StartMissingClocksAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Starting SLA clocks for waiting conversations failed");
            }
            Trigger();
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Customers who wait without a running clock (stored before the SLA engine existed, or a crash between
    /// storing a message and starting its clock) get one, from when they started waiting. Runs once at start.
    /// </summary>
    public Task<int> StartMissingClocksAsync(CancellationToken cancellationToken) =>
        new SlaMissingClocks(scopes, policies, logger).StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A clock started or moved: make sure the scheduler sweeps no later than <paramref name="checkAt"/>.</summary>
    public void Schedule(DateTime? checkAt)
    {
        if (checkAt is { } at)
            scheduler.WakeAt(SlaDeadlineWork.WorkName, at);
    }

    private void Trigger() => Schedule(time.GetUtcNow().UtcDateTime);

    /// <summary>Raises everything due now, then arms the timer for the nearest pending check. Never runs twice at once.</summary>
    public async Task<SlaSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var started = time.GetUtcNow().UtcDateTime;
            int atRisk = 0, breaches = 0;
            var batch = new SlaSweepBatch(scopes, time, new SlaAlerts(policies, metrics, logger), turns, logger);
            var batchSize = options.Value.BatchSize;
            // A batch's pushes run while the next batch is claimed: with thousands due a second, claiming and pushing one
            // after the other left the sweep seconds behind after any stall (docs/performance.md, "Session 11").
            var publishing = Task.CompletedTask;
            try
            {
                while (true)
                {
                    var (a, b, seen, publish) = await batch.RunAsync(batchSize, cancellationToken);
                    atRisk += a;
                    breaches += b;
                    await publishing; // one batch's pushes at a time, in the order raised
                    publishing = publish(cancellationToken);
                    if (seen < batchSize)
                        break;
                }
            }
            finally
            {
                await publishing;
            }
            var next = await NextCheckAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            // Came due while this sweep ran (the clock moved on): sweep again now. Due already when it started and still
            // not raised: it failed, retry a little later, never in a tight loop.
            Schedule(next <= started ? now + RetryDelay : next);
            var result = new SlaSweepResult(atRisk, breaches, next);
            Swept?.Invoke(result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DateTime?> NextCheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.Where(c => c.SlaNextCheckAt != null).OrderBy(c => c.SlaNextCheckAt)
            .Select(c => c.SlaNextCheckAt).FirstOrDefaultAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
