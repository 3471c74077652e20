using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.SharedState;

namespace Omnichannel.Hub.Routing;

/// <summary>
/// Presence from console connections, held as leases (<see cref="IPresenceLeases"/>): the first connection of an offline
/// operator makes them available; a closed connection's lease runs on for the grace period (a reload, or a reconnect to
/// another node, keeps the operator), after which they go offline. This node renews the leases of the connections it
/// holds (<see cref="PresenceLeaseKeeper"/>); if it dies, another node claims the expired leases.
/// </summary>
public sealed class PresenceTracker(IServiceScopeFactory scopes, IPresenceLeases leases, TimeProvider time,
    IOptions<RoutingOptions> options, IOptions<PresenceOptions> presence, ILogger<PresenceTracker> logger)
{
    private readonly Dictionary<long, HashSet<string>> connections = [];
    private readonly Dictionary<long, ITimer> graceTimers = [];
    private readonly Lock gate = new();

    public bool IsConnected(long operatorId)
    {
        lock (gate) return connections.ContainsKey(operatorId);
    }

    /// <summary>The console connections this node holds.</summary>
    public IReadOnlyList<PresenceLease> Held()
    {
        lock (gate) return [.. connections.SelectMany(c => c.Value.Select(id => new PresenceLease(c.Key, id)))];
    }

    /// <returns>The operator with their presence after connecting.</returns>
    public async Task<Operator?> ConnectedAsync(long operatorId, string connectionId)
    {
        lock (gate)
        {
            if (!connections.TryGetValue(operatorId, out var held))
                connections[operatorId] = held = [];
            held.Add(connectionId);
            if (graceTimers.Remove(operatorId, out var timer))
                timer.Dispose();
        }
        await leases.RenewAsync([new PresenceLease(operatorId, connectionId)], time.GetUtcNow() + presence.Value.LeaseDuration);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoutingEngine>().ConsoleConnectedAsync(operatorId, CancellationToken.None);
    }

    public async Task DisconnectedAsync(long operatorId, string connectionId)
    {
        var lease = new PresenceLease(operatorId, connectionId);
        var until = time.GetUtcNow() + options.Value.OfflineGrace;
        await leases.RenewAsync([lease], until);
        lock (gate)
        {
            if (!connections.TryGetValue(operatorId, out var held) || !held.Remove(connectionId) || held.Count > 0)
                return;
            connections.Remove(operatorId);
            graceTimers[operatorId] = time.CreateTimer(_ => _ = GraceEndedAsync(lease), null, options.Value.OfflineGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task GraceEndedAsync(PresenceLease lease)
    {
        lock (gate)
        {
            if (connections.ContainsKey(lease.OperatorId) || !graceTimers.Remove(lease.OperatorId, out var timer))
                return;
            timer.Dispose();
        }
        try
        {
            if (await leases.ReleaseAsync(lease) && !await leases.HasLiveAsync(lease.OperatorId, time.GetUtcNow()))
                await GoOfflineAsync(lease.OperatorId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Setting operator {OperatorId} offline failed", lease.OperatorId);
        }
    }

    /// <summary>Renews this node's leases, then claims the leases nobody renewed (a node died) and sets those operators offline.</summary>
    public async Task RenewAndExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await leases.RenewAsync(Held(), now + presence.Value.LeaseDuration, cancellationToken);
        foreach (var operatorId in await leases.ClaimExpiredAsync(now, cancellationToken))
            if (!IsConnected(operatorId) && !await leases.HasLiveAsync(operatorId, now, cancellationToken))
                await GoOfflineAsync(operatorId, cancellationToken);
    }

    /// <summary>At start: operators the store says are present but whose consoles hold no lease (a restarted hub) go offline.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        List<long> present;
        await using (var scope = scopes.CreateAsyncScope())
            present = await scope.ServiceProvider.GetRequiredService<Storage.OmnichannelDb>().Operators.AsNoTracking()
                .Where(o => o.Presence != Presence.Offline).Select(o => o.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var operatorId in present)
            if (!IsConnected(operatorId) && !await leases.HasLiveAsync(operatorId, now, cancellationToken))
                await GoOfflineAsync(operatorId, cancellationToken);
    }

    /// <summary>The node stops: its grace timers go with it (another node claims the leases when they run out).</summary>
    public void Stop()
    {
        lock (gate)
        {
            foreach (var timer in graceTimers.Values)
                timer.Dispose();
            graceTimers.Clear();
        }
    }

    private async Task GoOfflineAsync(long operatorId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        logger.LogInformation("Operator {OperatorId} has no console holding a presence lease: offline", operatorId);
        await scope.ServiceProvider.GetRequiredService<RoutingEngine>().SetPresenceAsync(operatorId, Presence.Offline, cancellationToken);
    }
}
