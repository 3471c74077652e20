using Microsoft.Extensions.Options;
using Omnichannel.Hub.Routing;

namespace Omnichannel.Hub.SharedState;

/// <summary>
/// Before the hub serves: operators without a lease go offline (a restarted hub starts everyone offline until their
/// console reconnects). Then every <see cref="PresenceOptions.RenewInterval"/> (on <see cref="TimeProvider"/>): renew
/// this node's leases and claim the expired ones.
/// </summary>
public sealed class PresenceLeaseKeeper(PresenceTracker tracker, TimeProvider time, IOptions<PresenceOptions> options, ILogger<PresenceLeaseKeeper> logger)
    : IHostedService, IAsyncDisposable
{
    private ITimer? timer;
    private int running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tracker.ReconcileAsync(cancellationToken);
        timer = time.CreateTimer(_ => _ = TickAsync(), null, options.Value.RenewInterval, options.Value.RenewInterval);
    }

    private async Task TickAsync()
    {
        if (Interlocked.Exchange(ref running, 1) == 1)
            return;
        try
        {
            await tracker.RenewAndExpireAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Renewing presence leases failed; trying again in {Interval}", options.Value.RenewInterval);
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracker.Stop();
        return DisposeAsync().AsTask();
    }

    public ValueTask DisposeAsync()
    {
        timer?.Dispose();
        timer = null;
        return ValueTask.CompletedTask;
    }
}
