using Quartz;

namespace Omnichannel.Hub.Sla;

/// <summary>The safety net: looks for due deadlines periodically (the in-process timer raises them on time).</summary>
[DisallowConcurrentExecution]
public sealed class SlaSweepJob(SlaDeadlineEngine engine) : IJob
{
    public static readonly JobKey Key = new("sla-sweep", "sla");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await engine.SweepAsync(cancellationToken);
}

/// <summary>Refreshes the queue-length and attainment gauges read at /metrics.</summary>
[DisallowConcurrentExecution]
public sealed class SlaStatsJob(SlaBoard board, SlaMetrics metrics) : IJob
{
    public static readonly JobKey Key = new("sla-stats", "sla");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (waiting, attainment) = await board.GaugesAsync(cancellationToken);
        metrics.SetSnapshot(waiting, attainment);
    }
}
