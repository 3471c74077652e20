using Microsoft.Extensions.Options;
using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Routing;

/// <summary>Offer timeouts and the web chat ladder, every <see cref="RoutingOptions.SweepInterval"/>.</summary>
public sealed class RoutingWork(IServiceScopeFactory scopes, IOptions<RoutingOptions> options) : IDueWork
{
    private int passes;

    public string Name => "routing-sweep";

    public TimeSpan Interval => options.Value.SweepInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var routing = scope.ServiceProvider.GetRequiredService<RoutingEngine>();
        await routing.SweepAsync(cancellationToken);
        // A safety net: hand out the queue now and then even if no event said capacity freed up.
        if (++passes % 20 == 0)
            await routing.DrainAsync(cancellationToken);
    }
}
