using Microsoft.Extensions.Options;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Infers presence from console connections: the first connection of an offline operator makes them
/// available; when their last connection closes they go offline after a grace period (a reload or a
/// short network drop does not move their conversations).
/// </summary>
public sealed class PresenceTracker(IServiceScopeFactory scopes, TimeProvider time, IOptions<RoutingOptions> options, ILogger<PresenceTracker> logger)
{
    private readonly Dictionary<long, int> connections = [];
    private readonly Dictionary<long, ITimer> graceTimers = [];
    private readonly Lock gate = new();

    public bool IsConnected(long operatorId)
    {
        lock (gate) return connections.GetValueOrDefault(operatorId) > 0;
    }

    /// <returns>The operator with their presence after connecting.</returns>
    public async Task<Operator?> ConnectedAsync(long operatorId)
    {
        lock (gate)
        {
            connections[operatorId] = connections.GetValueOrDefault(operatorId) + 1;
            if (graceTimers.Remove(operatorId, out var timer))
                timer.Dispose();
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.OmnichannelDb>();
        var op = await db.Operators.FindAsync(operatorId);
        return op?.Presence == Presence.Offline
            ? await scope.ServiceProvider.GetRequiredService<RoutingEngine>().SetPresenceAsync(operatorId, Presence.Available, CancellationToken.None)
            : op;
    }

    public void Disconnected(long operatorId)
    {
        lock (gate)
        {
            var left = connections.GetValueOrDefault(operatorId) - 1;
            if (left > 0)
            {
                connections[operatorId] = left;
                return;
            }
            connections.Remove(operatorId);
            graceTimers[operatorId] = time.CreateTimer(_ => _ = GoOfflineAsync(operatorId), null, options.Value.OfflineGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task GoOfflineAsync(long operatorId)
    {
        lock (gate)
        {
            if (connections.ContainsKey(operatorId) || !graceTimers.Remove(operatorId, out var timer))
                return;
            timer.Dispose();
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RoutingEngine>().SetPresenceAsync(operatorId, Presence.Offline, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Setting operator {OperatorId} offline failed", operatorId);
        }
    }
}
