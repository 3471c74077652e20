using Omnichannel.Hub.SharedState;
using Omnichannel.Hub.Tests.Servers;
using StackExchange.Redis;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>Open alerts in memory and in a real Redis: an alert raised on one node can be acknowledged through another.</summary>
public sealed class OpenAlertsStoreTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private readonly List<ConnectionMultiplexer> clients = [];

    public Task InitializeAsync() => redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
            await client.DisposeAsync();
        await redis.DisposeAsync();
    }

    private async Task<IOpenAlerts> NodeAsync()
    {
        var client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        clients.Add(client);
        return new RedisOpenAlerts(client, new RedisKeys("test"));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task OnlyTheOperatorCanAcknowledgeTheirAlert_Once(string kind)
    {
        var alerts = kind == "memory" ? new InMemoryOpenAlerts() : await NodeAsync();
        var id = await alerts.OpenAsync(operatorId: 5);

        Assert.True(await alerts.IsOpenAsync(id));
        Assert.False(await alerts.AcknowledgeAsync(id, operatorId: 6));
        Assert.True(await alerts.IsOpenAsync(id));
        Assert.True(await alerts.AcknowledgeAsync(id, operatorId: 5));
        Assert.False(await alerts.AcknowledgeAsync(id, operatorId: 5));
        Assert.False(await alerts.IsOpenAsync(id));
    }

    [Fact]
    public async Task AnAlertRaisedOnNodeA_AcknowledgedThroughNodeB_IsClosedForA_AndIdsNeverCollide()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? a : b).OpenAsync(1)));
        Assert.Equal(50, ids.Distinct().Count());

        Assert.True(await b.AcknowledgeAsync(ids[0], 1));

        Assert.False(await a.IsOpenAsync(ids[0]));
        Assert.True(await a.IsOpenAsync(ids[1]));
        await a.CloseAsync(ids[1]);
        Assert.False(await b.IsOpenAsync(ids[1]));
    }
}
