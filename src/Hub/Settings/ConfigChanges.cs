using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Routing.Rules;
using Omnichannel.Hub.SharedState;
using Omnichannel.Hub.Targeting;
using StackExchange.Redis;

namespace Omnichannel.Hub.Settings;

/// <summary>
/// An admin changed stored settings, teams, routing rules, page or engagement rules: every hub must act on it without a
/// restart. The hub that saved applies it at once (its endpoint does); with Redis it also publishes on
/// <c>{prefix}:config-changed</c>, and every other hub re-reads the stored settings, drops its cached rules and
/// recomputes the widget state (<see cref="ConfigChangeListener"/>). Redis reconnecting after a gap does the same,
/// so a missed message costs nothing. Without Redis there is one process and nothing to tell.
/// </summary>
public sealed class ConfigChanges(IServiceScopeFactory scopes, RoutingRuleCatalog routingRules, EngagementCatalog engagement,
    WidgetStateService widget, ILogger<ConfigChanges> logger, IConnectionMultiplexer? redis = null, RedisKeys? keys = null)
{
    /// <summary>This process, so it does not apply its own announcements twice.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public bool Shared => redis is not null;

    public RedisChannel Channel => RedisChannel.Literal(keys is null ? "config-changed" : keys.Key("config-changed").ToString());

    /// <summary>After the change committed: this hub drops its cached rules (teams included), the others are told.</summary>
    public async Task AnnounceAsync()
    {
        routingRules.Invalidate();
        engagement.Invalidate();
        if (redis is null)
            return;
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, NodeId);
        }
        catch (RedisException ex)
        {
            // The others catch up when their Redis connection is restored, or when their rule caches expire.
            logger.LogWarning(ex, "Could not tell the other hubs about a settings change");
        }
    }

    /// <summary>Another hub changed something: read it all again.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        routingRules.Invalidate();
        engagement.Invalidate();
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HubSettings>().ApplyStoredAsync(cancellationToken);
        await widget.RefreshAsync(cancellationToken);
    }
}

/// <summary>Listens for other hubs' <see cref="ConfigChanges"/> (only with Redis).</summary>
public sealed class ConfigChangeListener(ConfigChanges changes, ILogger<ConfigChangeListener> logger, IConnectionMultiplexer? redis = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
            return;
        redis.ConnectionRestored += (_, _) => _ = ApplyAsync("the Redis connection was restored");
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(changes.Channel);
            queue.OnMessage(async message =>
            {
                if (message.Message != changes.NodeId)
                    await ApplyAsync("another hub changed settings");
            });
        }
        catch (RedisException ex)
        {
            logger.LogError(ex, "Not listening for other hubs' settings changes: Redis unreachable at start (they apply here when the rule caches expire or after a restart)");
        }
    }

    private async Task ApplyAsync(string why)
    {
        try
        {
            logger.LogInformation("Re-reading settings and rules: {Why}", why);
            await changes.ApplyAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Applying a settings change failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
