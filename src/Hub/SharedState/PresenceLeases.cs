namespace Omnichannel.Hub.SharedState;

/// <summary>One console connection keeping its operator present.</summary>
public readonly record struct PresenceLease(long OperatorId, string ConnectionId);

/// <summary>
/// Presence as a lease: an operator is present while one of their console connections holds an unexpired lease. The
/// node that holds a connection renews its lease; a node that dies stops renewing, and another node claims the expired
/// lease and sets the operator offline. In memory for one process, in Redis when configured (shared by every node).
/// </summary>
public interface IPresenceLeases
{
    /// <summary>Takes or extends the leases until <paramref name="until"/>.</summary>
    Task RenewAsync(IReadOnlyCollection<PresenceLease> leases, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Removes the lease. True when this call removed it (so exactly one node acts on its end).</summary>
    Task<bool> ReleaseAsync(PresenceLease lease, CancellationToken cancellationToken = default);

    /// <summary>Whether any of the operator's leases runs past <paramref name="now"/>.</summary>
    Task<bool> HasLiveAsync(long operatorId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes leases that ran out; returns the operators whose leases this call removed (each claimed once across nodes).</summary>
    Task<IReadOnlyList<long>> ClaimExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>The one-process store: a restarted hub starts with no leases, so everyone starts offline.</summary>
public sealed class InMemoryPresenceLeases : IPresenceLeases
{
    private readonly Dictionary<PresenceLease, DateTimeOffset> leases = [];
    private readonly Lock gate = new();

    public Task RenewAsync(IReadOnlyCollection<PresenceLease> renewed, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (gate)
            foreach (var lease in renewed)
                leases[lease] = until;
        return Task.CompletedTask;
    }

    public Task<bool> ReleaseAsync(PresenceLease lease, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult(leases.Remove(lease));
    }

    public Task<bool> HasLiveAsync(long operatorId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult(leases.Any(l => l.Key.OperatorId == operatorId && l.Value > now));
    }

    public Task<IReadOnlyList<long>> ClaimExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var expired = leases.Where(l => l.Value <= now).Select(l => l.Key).ToList();
            foreach (var lease in expired)
                leases.Remove(lease);
            return Task.FromResult<IReadOnlyList<long>>([.. expired.Select(l => l.OperatorId).Distinct()]);
        }
    }
}
