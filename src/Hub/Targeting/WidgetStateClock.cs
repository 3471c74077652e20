using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.Targeting;

/// <summary>
/// Opening and closing times pass without any routing event: recompute the widget's state every 30 s so open
/// widgets (SignalR and the loader's state stream) flip to closed / available on time.
/// </summary>
public sealed class WidgetStateClock(WidgetStateService state, TimeProvider time, ILogger<WidgetStateClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await state.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not recompute the widget state");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
