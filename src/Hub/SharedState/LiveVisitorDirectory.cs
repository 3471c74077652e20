using System.Text.Json;
using Omnichannel.Hub.Targeting;
using StackExchange.Redis;

namespace Omnichannel.Hub.SharedState;

/// <summary>
/// Who is on the site now, as every node sees it: a visitor's signals reach one node (sticky), which publishes the
/// visitor here; the console may ask any node. An operator's invitation is left here for the node that serves the visitor.
/// </summary>
public interface ILiveVisitorDirectory
{
    Task PublishAsync(LiveVisitorDto visitor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LiveVisitorDto>> NowAsync(CancellationToken cancellationToken = default);

    Task<LiveVisitorDto?> FindAsync(string visitorId, CancellationToken cancellationToken = default);

    Task InviteAsync(string visitorId, long conversationId, CancellationToken cancellationToken = default);

    /// <summary>The invitation waiting for this visitor, removed as it is read (it opens the chat once).</summary>
    Task<long?> TakeInvitationAsync(string visitorId, CancellationToken cancellationToken = default);
}

/// <summary>One process: the node's own <see cref="LiveVisitors"/> is the whole site.</summary>
public sealed class LocalLiveVisitorDirectory(LiveVisitors live) : ILiveVisitorDirectory
{
    public Task PublishAsync(LiveVisitorDto visitor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LiveVisitorDto>> NowAsync(CancellationToken cancellationToken = default) => Task.FromResult(live.Now());

    public Task<LiveVisitorDto?> FindAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        if (live.Find(visitorId) is not { } visitor)
            return Task.FromResult<LiveVisitorDto?>(null);
        lock (visitor)
            return Task.FromResult<LiveVisitorDto?>(LiveVisitorDto.From(visitor));
    }

    public Task InviteAsync(string visitorId, long conversationId, CancellationToken cancellationToken = default)
    {
        if (live.Find(visitorId) is { } visitor)
            lock (visitor)
                visitor.InvitedConversationId = conversationId;
        return Task.CompletedTask;
    }

    public Task<long?> TakeInvitationAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        if (live.Find(visitorId) is not { } visitor)
            return Task.FromResult<long?>(null);
        lock (visitor)
        {
            var invite = visitor.InvitedConversationId;
            visitor.InvitedConversationId = null;
            return Task.FromResult(invite);
        }
    }
}

/// <summary>
/// In Redis: one hash of visitor snapshots (JSON) and a sorted set of when each was last seen; a visitor silent for
/// <see cref="EngagementOptions.LiveTimeout"/> is left out and pruned. Invitations are keys with a short expiry.
/// </summary>
public sealed class RedisLiveVisitorDirectory(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<EngagementOptions> options) : ILiveVisitorDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IDatabase Db => redis.GetDatabase();
    private RedisKey Snapshots => keys.Key("visitors:snapshot");
    private RedisKey Seen => keys.Key("visitors:seen");
    private RedisKey Invitation(string visitorId) => keys.Key($"visitors:invitation:{visitorId}");

    private long Cutoff() => (time.GetUtcNow() - options.Value.LiveTimeout).ToUnixTimeMilliseconds();

    public async Task PublishAsync(LiveVisitorDto visitor, CancellationToken cancellationToken = default)
    {
        var db = Db;
        await Task.WhenAll(
            db.HashSetAsync(Snapshots, visitor.VisitorId, JsonSerializer.Serialize(visitor, Json)),
            db.SortedSetAddAsync(Seen, visitor.VisitorId, time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public async Task<IReadOnlyList<LiveVisitorDto>> NowAsync(CancellationToken cancellationToken = default)
    {
        var db = Db;
        var gone = await db.SortedSetRangeByScoreAsync(Seen, double.NegativeInfinity, Cutoff(), Exclude.Stop);
        if (gone.Length > 0)
            await Task.WhenAll(db.SortedSetRemoveAsync(Seen, gone), db.HashDeleteAsync(Snapshots, gone));
        var here = await db.SortedSetRangeByScoreAsync(Seen, Cutoff(), double.PositiveInfinity);
        if (here.Length == 0)
            return [];
        var values = await db.HashGetAsync(Snapshots, here);
        return [.. values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<LiveVisitorDto>(v.ToString(), Json)!)
            .OrderByDescending(v => v.Score).ThenByDescending(v => v.LastSeen)];
    }

    public async Task<LiveVisitorDto?> FindAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        var db = Db;
        if (await db.SortedSetScoreAsync(Seen, visitorId) is not { } seen || seen < Cutoff())
            return null;
        var value = await db.HashGetAsync(Snapshots, visitorId);
        return value.HasValue ? JsonSerializer.Deserialize<LiveVisitorDto>(value.ToString(), Json) : null;
    }

    public Task InviteAsync(string visitorId, long conversationId, CancellationToken cancellationToken = default) =>
        Db.StringSetAsync(Invitation(visitorId), conversationId, options.Value.LiveTimeout);

    public async Task<long?> TakeInvitationAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        var value = await Db.StringGetDeleteAsync(Invitation(visitorId));
        return value.HasValue && long.TryParse(value.ToString(), out var id) ? id : null;
    }
}
