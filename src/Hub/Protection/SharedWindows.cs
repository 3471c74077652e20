using Omnichannel.Hub.SharedState;
using StackExchange.Redis;

namespace Omnichannel.Hub.Protection;

/// <summary>One hit counted in a fixed window: allowed, or refused until the window ends.</summary>
public readonly record struct WindowHit(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>Pure: the hit numbered <paramref name="count"/> in its window (1 = first), with <paramref name="windowLeft"/> to run.</summary>
    public static WindowHit Decide(long count, int permits, TimeSpan windowLeft) =>
        new(count <= Math.Max(1, permits), windowLeft > TimeSpan.Zero ? windowLeft : TimeSpan.FromSeconds(1));

    public static TimeSpan WindowOf(WindowLimit limit) => limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromMinutes(1);
}

/// <summary>
/// The rate limits' counters in Redis, so every hub counts against the same number: a fixed window is one Lua call
/// (INCR, and PEXPIRE when the key is new) — one round trip. Redis unreachable: the hit is allowed and logged (a limiter
/// never turns a request into a 500).
/// </summary>
public sealed class SharedWindows(IConnectionMultiplexer redis, RedisKeys keys, ILogger<SharedWindows> logger)
{
    private const string HitScript = """
        local n = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return {n, ttl}
        """;

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Key(string key) => keys.Key("ratelimit:" + key);

    public async Task<WindowHit> HitAsync(string key, WindowLimit limit)
    {
        var window = WindowHit.WindowOf(limit);
        return await TryAsync(key, new WindowHit(true, TimeSpan.Zero), async () =>
        {
            var result = (RedisResult[])(await Db.ScriptEvaluateAsync(HitScript, [Key(key)], [(long)window.TotalMilliseconds]))!;
            return WindowHit.Decide((long)result[0], limit.Permits, TimeSpan.FromMilliseconds((long)result[1]));
        });
    }

    /// <summary>Counts one failure (the count lives <paramref name="keep"/> after the last one) and returns how many there are.</summary>
    public Task<long> CountAsync(string key, TimeSpan keep) => TryAsync(key, 0L, async () =>
        (long)await Db.ScriptEvaluateAsync("local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n",
            [Key(key)], [(long)keep.TotalMilliseconds]));

    /// <summary>Blocks <paramref name="key"/> for <paramref name="wait"/>.</summary>
    public Task BlockAsync(string key, TimeSpan wait) => TryAsync(key, false, () => Db.StringSetAsync(Key(key), 1, wait));

    /// <summary>How long <paramref name="key"/> stays blocked, or null.</summary>
    public Task<TimeSpan?> BlockedForAsync(string key) => TryAsync(key, (TimeSpan?)null, async () =>
        await Db.KeyTimeToLiveAsync(Key(key)) is { } left && left > TimeSpan.Zero ? left : null);

    public Task ForgetAsync(params string[] names) => TryAsync(names[0], 0L, () => Db.KeyDeleteAsync([.. names.Select(Key)]));

    private async Task<T> TryAsync<T>(string key, T unreachable, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Rate limit {Key} not counted: Redis unreachable", key);
            return unreachable;
        }
    }
}
