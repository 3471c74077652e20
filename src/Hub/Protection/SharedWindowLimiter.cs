using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Omnichannel.Hub.Protection;

/// <summary>
/// A partition of an HTTP rate-limit policy counted in Redis (<see cref="SharedWindows"/>). It never grants
/// synchronously, so the rate-limiting middleware asks asynchronously — one Redis round trip per request.
/// </summary>
public sealed class SharedWindowLimiter(SharedWindows windows, string key, WindowLimit limit) : RateLimiter
{
    private long lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Ask;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0)
            return Lease.Granted;
        var hit = await windows.HitAsync(key, limit);
        return hit.Allowed ? Lease.Granted : new Lease(false, hit.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Ask = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
