using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing.Rules;
using Omnichannel.Hub.Settings;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Admin;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.ScaleOut;

/// <summary>
/// An admin's change saved through hub A is in effect on hub B without a restart. The clocks are fake and never move,
/// so B's rule caches never expire on their own: only A's announcement (Redis pub/sub) can make B see the change.
/// </summary>
public sealed class SettingsAcrossHubsTests : IAsyncLifetime
{
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly HubCluster cluster;

    public SettingsAcrossHubsTests() => cluster = new HubCluster(clock);

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    private HubFactory Node() => cluster.Node();

    [Fact]
    public async Task AnSlaTargetSavedOnHubA_IsInEffectOnHubB_WithoutRestart()
    {
        var a = Node();
        var b = Node();
        var adminOnB = await b.AdminAsync();
        async Task<int> WebChatTargetOnB() =>
            (await adminOnB.Http.GetFromJsonAsync<SlaSettings>("/api/settings/sla", TestJson.Options))!.Policies.Single(p => p.Channel == ChannelKind.WebChat).FirstResponseSeconds;
        Assert.Equal(30, await WebChatTargetOnB());

        var admin = await a.AdminAsync();
        (await admin.Http.PutAsJsonAsync("/api/settings/sla", new { policies = new[] { new { channel = "WebChat", firstResponseSeconds = 45, nextResponseSeconds = 60 } } }))
            .EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => await WebChatTargetOnB() == 45, "hub B applies the target saved on hub A", Liveness);
        Assert.Equal(TimeSpan.FromSeconds(45), b.Provider.GetRequiredService<Omnichannel.Hub.Sla.SlaPolicies>().For(ChannelKind.WebChat).FirstResponse);
    }

    [Fact]
    public async Task ATeamAndARoutingRuleSavedOnHubA_AreWhatHubBRoutesBy_AndARenameFollows()
    {
        var a = Node();
        var b = Node();
        var rulesOnB = b.Provider.GetRequiredService<RoutingRuleCatalog>();
        Assert.Empty((await rulesOnB.GetAsync(CancellationToken.None)).Rules); // cached on B from now on

        var admin = await a.AdminAsync();
        var team = (await (await admin.Http.PostAsJsonAsync("/api/teams", new { name = "Checkout", memberIds = Array.Empty<long>() }))
            .Content.ReadFromJsonAsync<TeamDto>(TestJson.Options))!;
        (await admin.Http.PostAsJsonAsync("/api/routing/rules", new { name = "Checkout", pageGroup = "/checkout*", teamId = team.Id, skills = new[] { "payments" }, overflowAfterSeconds = 60 }))
            .EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => (await rulesOnB.GetAsync(CancellationToken.None)).Rules.Any(r => r.Name == "Checkout" && r.TeamId == team.Id),
            "hub B routes by the rule saved on hub A", Liveness);
        Assert.Equal("Checkout", (await rulesOnB.GetAsync(CancellationToken.None)).Teams[team.Id]);

        (await admin.Http.PutAsJsonAsync($"/api/teams/{team.Id}", new { name = "Payments", memberIds = Array.Empty<long>() })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await rulesOnB.GetAsync(CancellationToken.None)).Teams[team.Id] == "Payments", "hub B sees the team renamed on hub A", Liveness);
    }

    [Fact]
    public async Task APageRuleAddedAndDeletedOnHubA_IsAddedAndDeletedOnHubB()
    {
        var a = Node();
        var b = Node();
        var catalogOnB = b.Provider.GetRequiredService<EngagementCatalog>();
        Assert.Empty((await catalogOnB.GetAsync(CancellationToken.None)).Pages);

        var admin = await a.AdminAsync();
        var created = await admin.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "/admin*", exclude = true });
        created.EnsureSuccessStatusCode();
        var rule = (await created.Content.ReadFromJsonAsync<PageRuleDto>(TestJson.Options))!;
        await Eventually.TrueAsync(async () => (await catalogOnB.GetAsync(CancellationToken.None)).Pages.Any(p => p.Id == rule.Id), "hub B knows the page rule", Liveness);

        (await admin.Http.DeleteAsync($"/api/targeting/page-rules/{rule.Id}")).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await catalogOnB.GetAsync(CancellationToken.None)).Pages.Count == 0, "hub B forgets the deleted page rule", Liveness);
    }
}
