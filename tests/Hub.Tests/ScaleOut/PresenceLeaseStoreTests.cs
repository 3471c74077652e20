using Omnichannel.Hub.SharedState;
using Omnichannel.Hub.Tests.Servers;
using StackExchange.Redis;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>The lease store's contract, in memory and in a real Redis; in Redis, each expired lease is claimed by exactly one node.</summary>
public sealed class PresenceLeaseStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly RedisServer redis = new();
    private readonly List<ConnectionMultiplexer> clients = [];

    public Task InitializeAsync() => redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
            await client.DisposeAsync();
        await redis.DisposeAsync();
    }

    private async Task<IPresenceLeases> StoreAsync(string kind, string prefix = "test")
    {
        if (kind == "memory")
            return new InMemoryPresenceLeases();
        var client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        clients.Add(client);
        return new RedisPresenceLeases(client, new RedisKeys(prefix));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task ALease_KeepsItsOperatorPresent_UntilItRunsOut_AndIsClaimedOnce(string kind)
    {
        var leases = await StoreAsync(kind);
        await leases.RenewAsync([new(1, "a"), new(2, "b")], T0.AddSeconds(30));
        await leases.RenewAsync([new(2, "c")], T0.AddSeconds(60));

        Assert.True(await leases.HasLiveAsync(1, T0.AddSeconds(29)));
        Assert.False(await leases.HasLiveAsync(1, T0.AddSeconds(30)));
        Assert.Empty(await leases.ClaimExpiredAsync(T0.AddSeconds(29)));
        Assert.Equal([1L, 2L], (await leases.ClaimExpiredAsync(T0.AddSeconds(30))).Order());
        Assert.Empty(await leases.ClaimExpiredAsync(T0.AddSeconds(30)));
        Assert.True(await leases.HasLiveAsync(2, T0.AddSeconds(30)), "operator 2 still has a live console");
        Assert.False(await leases.HasLiveAsync(3, T0));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task Renewing_MovesTheExpiry_AndReleasingIsAnsweredTrueOnce(string kind)
    {
        var leases = await StoreAsync(kind);
        await leases.RenewAsync([new(7, "x")], T0.AddSeconds(30));
        await leases.RenewAsync([new(7, "x")], T0.AddSeconds(90));

        Assert.True(await leases.HasLiveAsync(7, T0.AddSeconds(60)));
        Assert.Empty(await leases.ClaimExpiredAsync(T0.AddSeconds(60)));
        Assert.True(await leases.ReleaseAsync(new(7, "x")));
        Assert.False(await leases.ReleaseAsync(new(7, "x")));
        Assert.False(await leases.HasLiveAsync(7, T0));
    }

    [Fact]
    public async Task TwoNodesClaimingTheSameExpiredLeases_EachLeaseIsClaimedByExactlyOne()
    {
        var nodeA = await StoreAsync("redis", "shared");
        var nodeB = await StoreAsync("redis", "shared");
        var dead = Enumerable.Range(1, 200).Select(i => new PresenceLease(i, $"conn-{i}")).ToList();
        await nodeA.RenewAsync(dead, T0.AddSeconds(30));

        var claims = await Task.WhenAll(nodeA.ClaimExpiredAsync(T0.AddSeconds(31)), nodeB.ClaimExpiredAsync(T0.AddSeconds(31)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Order());
    }

    [Fact]
    public async Task ClustersWithDifferentPrefixes_DoNotSeeEachOthersLeases()
    {
        var one = await StoreAsync("redis", "cluster-one");
        var two = await StoreAsync("redis", "cluster-two");
        await one.RenewAsync([new(1, "a")], T0.AddSeconds(30));

        Assert.False(await two.HasLiveAsync(1, T0));
        Assert.Empty(await two.ClaimExpiredAsync(T0.AddMinutes(5)));
        Assert.True(await one.HasLiveAsync(1, T0));
    }
}
