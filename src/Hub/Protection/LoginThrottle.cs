using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Protection;

/// <summary>
/// Per-account login backoff: after <see cref="RateLimitOptions.LoginFreeFailures"/> failures an account (existing or
/// not, so the answer never reveals which emails exist) waits, doubling with each further failure. A success resets it.
/// With Redis the failures and the wait are kept there, so trying another hub does not start over.
/// </summary>
public sealed class LoginThrottle(IOptionsMonitor<RateLimitOptions> options, TimeProvider time, SharedWindows? shared = null)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the account must still wait, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(string email)
    {
        if (!options.CurrentValue.Enabled)
            return null;
        if (shared is not null)
            return await shared.BlockedForAsync("login-wait:" + Key(email));
        return Wait(email);
    }

    public async Task FailedAsync(string email)
    {
        if (shared is null)
        {
            Failed(email);
            return;
        }
        var o = options.CurrentValue;
        var failures = await shared.CountAsync("login-failures:" + Key(email), o.LoginMaxBackoff * 2);
        var wait = Backoff((int)Math.Min(failures, int.MaxValue), o);
        if (wait > TimeSpan.Zero)
            await shared.BlockAsync("login-wait:" + Key(email), wait);
    }

    public async Task SucceededAsync(string email)
    {
        if (shared is not null)
            await shared.ForgetAsync("login-failures:" + Key(email), "login-wait:" + Key(email));
        Succeeded(email);
    }

    private TimeSpan? Wait(string email)
    {
        if (!accounts.TryGetValue(Key(email), out var state))
            return null;
        var left = state.Until - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    private void Failed(string email)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        accounts.AddOrUpdate(Key(email), _ => Next(0, o, now), (_, s) => Next(s.Failures, o, now));
        if (accounts.Count > 100_000)
            foreach (var stale in accounts.Where(a => a.Value.Until < now - o.LoginMaxBackoff).Select(a => a.Key).Take(10_000).ToList())
                accounts.TryRemove(stale, out _);
    }

    private void Succeeded(string email) => accounts.TryRemove(Key(email), out _);

    /// <summary>Pure: the wait after the (failures + 1)th failure.</summary>
    public static TimeSpan Backoff(int failures, RateLimitOptions o)
    {
        var over = failures - o.LoginFreeFailures;
        if (over < 0)
            return TimeSpan.Zero;
        var ticks = o.LoginFirstBackoff.Ticks * Math.Pow(2, Math.Min(over, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, o.LoginMaxBackoff.Ticks));
    }

    private static (int, DateTimeOffset) Next(int failures, RateLimitOptions o, DateTimeOffset now) =>
        (failures + 1, now + Backoff(failures + 1, o));

    private static string Key(string email) => email.Trim().ToLowerInvariant();
}
