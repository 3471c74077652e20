using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// Hubs of one cluster, each on its own Kestrel port: one PostgreSQL database, one keys folder and one throw-away
/// Redis, optionally one shared clock. A test class holds one per test (fresh Redis and database, so no counter or
/// cache leaks between tests) and forwards its <see cref="IAsyncLifetime"/> to it.
/// </summary>
public sealed class HubCluster(TimeProvider? time = null) : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly string data = HubFactory.NewDataDirectory();
    private readonly List<HubFactory> nodes = [];

    public string RedisConnectionString => redis.ConnectionString;

    public Task InitializeAsync() => redis.StartAsync();

    /// <summary>A started node of the cluster; <paramref name="settings"/> adds the test's own configuration.</summary>
    public HubFactory Node(IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = new HubFactory { Storage = StorageProvider.PostgreSql, DataDirectory = data, KeepData = true, Time = time };
        node.Settings["Redis:ConnectionString"] = redis.ConnectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            node.Settings[key] = value;
        return Start(node);
    }

    /// <summary>A hub outside the cluster (its own database, no Redis), started and stopped with the cluster.</summary>
    public HubFactory Lone(IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = new HubFactory();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            node.Settings[key] = value;
        return Start(node);
    }

    /// <summary>Stops a node while the others keep running (a node that has gone).</summary>
    public async Task StopAsync(HubFactory node)
    {
        nodes.Remove(node);
        await node.DisposeAsync();
    }

    private HubFactory Start(HubFactory node)
    {
        nodes.Add(node);
        _ = node.BaseAddress;
        return node;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
            await node.DisposeAsync();
        TestStorage.Drop(data, StorageProvider.PostgreSql);
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
        await redis.DisposeAsync();
    }
}
