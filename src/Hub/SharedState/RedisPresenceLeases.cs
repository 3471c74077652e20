using StackExchange.Redis;

namespace Omnichannel.Hub.SharedState;

/// <summary>
/// Presence leases in Redis, shared by every hub node: a sorted set of all leases by expiry (for claiming expired ones:
/// ZREM answers 1 to exactly one node) and one sorted set per operator (for "has a live lease").
/// </summary>
public sealed class RedisPresenceLeases(IConnectionMultiplexer redis, RedisKeys keys) : IPresenceLeases
{
    private IDatabase Db => redis.GetDatabase();

    private RedisKey Due => keys.Key("presence:due");

    private RedisKey Of(long operatorId) => keys.Key($"presence:operator:{operatorId}");

    private static string Member(PresenceLease lease) => $"{lease.OperatorId}:{lease.ConnectionId}";

    public async Task RenewAsync(IReadOnlyCollection<PresenceLease> leases, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        if (leases.Count == 0)
            return;
        var score = until.ToUnixTimeMilliseconds();
        var batch = Db.CreateBatch();
        var writes = new List<Task>(leases.Count * 2);
        foreach (var lease in leases)
        {
            writes.Add(batch.SortedSetAddAsync(Due, Member(lease), score));
            writes.Add(batch.SortedSetAddAsync(Of(lease.OperatorId), lease.ConnectionId, score));
        }
        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<bool> ReleaseAsync(PresenceLease lease, CancellationToken cancellationToken = default)
    {
        var removed = await Db.SortedSetRemoveAsync(Due, Member(lease));
        await Db.SortedSetRemoveAsync(Of(lease.OperatorId), lease.ConnectionId);
        return removed;
    }

    public async Task<bool> HasLiveAsync(long operatorId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await Db.SortedSetLengthAsync(Of(operatorId), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start) > 0;

    public async Task<IReadOnlyList<long>> ClaimExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var expired = await Db.SortedSetRangeByScoreAsync(Due, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: 500);
        var claimed = new HashSet<long>();
        foreach (var member in expired)
        {
            var text = member.ToString();
            var split = text.IndexOf(':');
            if (split <= 0 || !long.TryParse(text.AsSpan(0, split), out var operatorId))
                continue;
            if (await ReleaseAsync(new PresenceLease(operatorId, text[(split + 1)..]), cancellationToken))
                claimed.Add(operatorId);
        }
        return [.. claimed];
    }
}
