using Omnichannel.Hub.SharedState;
using StackExchange.Redis;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class SharedStateExtensions
{
    /// <summary>
    /// State every node must see. With <c>Redis:ConnectionString</c>: the SignalR backplane (a push made on one node
    /// reaches consoles and widgets connected to another), presence leases, the live visitors directory and the rate-limit counters in Redis (open alerts are rows in the database).
    /// Without: one process, in memory.
    /// </summary>
    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section);
        builder.Services.AddHostedService<PresenceLeaseKeeper>();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.Enabled)
        {
            builder.Services.AddSingleton<IPresenceLeases, InMemoryPresenceLeases>();
            builder.Services.AddSingleton<ILiveVisitorDirectory, LocalLiveVisitorDirectory>();
            return builder;
        }
        var configuration = ConfigurationOptions.Parse(redis.ConnectionString);
        configuration.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddSingleton(new RedisKeys(redis.Prefix));
        builder.Services.AddSingleton<IPresenceLeases, RedisPresenceLeases>();
        builder.Services.AddSingleton<ILiveVisitorDirectory, RedisLiveVisitorDirectory>();
        builder.Services.AddSingleton<Omnichannel.Hub.Protection.SharedWindows>();
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.Prefix);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }
}
