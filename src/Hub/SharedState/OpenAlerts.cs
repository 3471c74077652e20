using StackExchange.Redis;

namespace Omnichannel.Hub.SharedState;

/// <summary>
/// Which operator alerts are still open, as every node sees it: the node that raised an alert walks it down the
/// operator's means, but the operator may acknowledge it through any node. Ids are unique across nodes.
/// </summary>
public interface IOpenAlerts
{
    /// <summary>Opens an alert for the operator and returns its id.</summary>
    Task<long> OpenAsync(long operatorId, CancellationToken cancellationToken = default);

    Task<bool> IsOpenAsync(long alertId, CancellationToken cancellationToken = default);

    /// <summary>Closes the operator's own alert; false when it is not open or not theirs.</summary>
    Task<bool> AcknowledgeAsync(long alertId, long operatorId, CancellationToken cancellationToken = default);

    Task CloseAsync(long alertId, CancellationToken cancellationToken = default);
}

public sealed class InMemoryOpenAlerts : IOpenAlerts
{
    private readonly Dictionary<long, long> open = [];
    private readonly Lock gate = new();
    private long lastId;

    public Task<long> OpenAsync(long operatorId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            open[++lastId] = operatorId;
            return Task.FromResult(lastId);
        }
    }

    public Task<bool> IsOpenAsync(long alertId, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult(open.ContainsKey(alertId));
    }

    public Task<bool> AcknowledgeAsync(long alertId, long operatorId, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult(open.TryGetValue(alertId, out var owner) && owner == operatorId && open.Remove(alertId));
    }

    public Task CloseAsync(long alertId, CancellationToken cancellationToken = default)
    {
        lock (gate)
            open.Remove(alertId);
        return Task.CompletedTask;
    }
}

/// <summary>Open alerts in Redis: ids from INCR, one hash alert id → operator id.</summary>
public sealed class RedisOpenAlerts(IConnectionMultiplexer redis, RedisKeys keys) : IOpenAlerts
{
    /// <summary>Removes the field only when it belongs to the operator, atomically.</summary>
    private const string AcknowledgeScript = "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) else return 0 end";

    private IDatabase Db => redis.GetDatabase();
    private RedisKey Open => keys.Key("alerts:open");
    private RedisKey Ids => keys.Key("alerts:id");

    public async Task<long> OpenAsync(long operatorId, CancellationToken cancellationToken = default)
    {
        var id = await Db.StringIncrementAsync(Ids);
        await Db.HashSetAsync(Open, id, operatorId);
        return id;
    }

    public Task<bool> IsOpenAsync(long alertId, CancellationToken cancellationToken = default) => Db.HashExistsAsync(Open, alertId);

    public async Task<bool> AcknowledgeAsync(long alertId, long operatorId, CancellationToken cancellationToken = default) =>
        (long)await Db.ScriptEvaluateAsync(AcknowledgeScript, [Open], [alertId, operatorId]) == 1;

    public Task CloseAsync(long alertId, CancellationToken cancellationToken = default) => Db.HashDeleteAsync(Open, alertId);
}
