using Microsoft.Extensions.Options;
using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Alerts;

/// <summary>
/// Alert fallbacks: woken for the nearest fallback time by the coordinator of the hub that raised or moved the alert,
/// and every <see cref="AlertOptions.FallbackAfter"/> on every hub as a safety net — so a fallback whose hub died is
/// taken by another within one interval.
/// </summary>
public sealed class AlertFallbackWork(AlertCoordinator alerts, IOptions<AlertOptions> options) : IDueWork
{
    public const string WorkName = "alert-fallbacks";

    public string Name => WorkName;

    public TimeSpan Interval => options.Value.FallbackAfter > TimeSpan.Zero ? options.Value.FallbackAfter : TimeSpan.FromSeconds(5);

    public Task RunAsync(CancellationToken cancellationToken) => alerts.FallBackDueAsync(cancellationToken);
}
