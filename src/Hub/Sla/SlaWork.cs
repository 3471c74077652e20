using Microsoft.Extensions.Options;
using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Sla;

/// <summary>SLA deadlines: woken for the nearest check time by the engine, and every <see cref="SlaOptions.SweepInterval"/> as a safety net.</summary>
public sealed class SlaDeadlineWork(SlaDeadlineEngine engine, IOptions<SlaOptions> options) : IDueWork
{
    public const string WorkName = "sla-deadlines";

    public string Name => WorkName;

    public TimeSpan Interval => options.Value.SweepInterval;

    public async Task RunAsync(CancellationToken cancellationToken) => await engine.SweepAsync(cancellationToken);
}

/// <summary>Refreshes the queue-length and attainment gauges read at /metrics.</summary>
public sealed class SlaStatsWork(IServiceScopeFactory scopes, SlaMetrics metrics, IOptions<SlaOptions> options) : IDueWork
{
    public string Name => "sla-stats";

    public TimeSpan Interval => options.Value.StatsInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (waiting, attainment) = await scope.ServiceProvider.GetRequiredService<SlaBoard>().GaugesAsync(cancellationToken);
        metrics.SetSnapshot(waiting, attainment);
    }
}
