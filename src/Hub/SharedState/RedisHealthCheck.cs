using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Omnichannel.Hub.SharedState;

/// <summary>Redis carries presence and every cross-node push: without it this node is unhealthy.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("Redis answers.", new Dictionary<string, object> { ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: " + ex.Message);
        }
    }
}
