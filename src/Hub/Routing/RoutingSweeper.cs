using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Routing;

/// <summary>Ticks the routing engine's sweep (offer timeouts, the web chat ladder) on the injected clock.</summary>
public sealed class RoutingSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<RoutingOptions> options, ILogger<RoutingSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        var passes = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var routing = scope.ServiceProvider.GetRequiredService<RoutingEngine>();
                await routing.SweepAsync(stoppingToken);
                // A safety net: hand out the queue now and then even if no event said capacity freed up.
                if (++passes % 20 == 0)
                    await routing.DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Routing sweep failed");
            }
        }
    }
}
