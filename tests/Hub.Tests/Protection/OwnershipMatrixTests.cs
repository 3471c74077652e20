using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

/// <summary>The ownership rules of docs/security.md, every role against every action on a colleague's conversation.</summary>
public sealed class OwnershipMatrixTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync()
    {
        hub.Settings["Capacity:MaxLive"] = "5";
        hub.Settings["Capacity:MaxAsync"] = "20";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    /// <summary>A waiting SMS conversation, claimed by <paramref name="owner"/>.</summary>
    private async Task<long> AssignedToAsync(OperatorSession owner)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
        var received = await sink.ReceiveAsync(new InboundMessage(ChannelKind.Sms, "+3465" + Random.Shared.Next(1_000_000, 9_999_999), "SM" + Guid.NewGuid().ToString("N"), "Hello?", DateTime.UtcNow), default);
        (await owner.Http.PostAsync($"/api/conversations/{received.ConversationId}/claim", null)).EnsureSuccessStatusCode();
        return received.ConversationId;
    }

    [Fact]
    public async Task OnlyTheAssignee_ASupervisorOrAnAdmin_ClosesTransfersOrResends()
    {
        var owner = await hub.LoginAsync(await hub.CreateOperatorAsync("Owner"));
        var actors = new Dictionary<string, OperatorSession>
        {
            ["assignee"] = owner,
            ["colleague"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Colleague")),
            ["supervisor"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor)),
            ["admin"] = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Roles.Admin)),
        };
        foreach (var session in actors.Values)
            (await session.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        var mismatches = new List<string>();
        foreach (var (who, actor) in actors)
        {
            var allowed = who != "colleague";
            var toSelf = await actor.Http.PostAsJsonAsync($"/api/conversations/{await AssignedToAsync(owner)}/transfer", new { operatorId = actor.Operator.Id });
            var close = await actor.Http.PostAsync($"/api/conversations/{await AssignedToAsync(owner)}/close", null);
            var reply = await actor.Http.PostAsJsonAsync($"/api/conversations/{await AssignedToAsync(owner)}/reply", new { text = "Let me take this." });
            foreach (var (action, response) in new[] { ("transfer to self", toSelf), ("close", close) })
                if ((response.StatusCode == HttpStatusCode.OK) != allowed || (!allowed && response.StatusCode != HttpStatusCode.Forbidden))
                    mismatches.Add($"{who} {action}: {(int)response.StatusCode}");
            if (who == "colleague" && reply.IsSuccessStatusCode)
                mismatches.Add($"colleague reply: {(int)reply.StatusCode}");
            if (who == "assignee" && !reply.IsSuccessStatusCode)
                mismatches.Add($"assignee reply: {(int)reply.StatusCode}");
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task OperatorsLowerTheirCapacity_OnlyAdminsGoAboveTheBound()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Roles.Admin));

        Assert.Equal(HttpStatusCode.OK, (await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1, asyncCapacity = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 5 })).StatusCode);
        var raised = await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 6 });
        Assert.Equal(HttpStatusCode.Forbidden, raised.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.Http.PutAsJsonAsync("/api/operators/me/settings", new { asyncCapacity = 21 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 30 })).StatusCode);
    }

    [Fact]
    public async Task OperatorsSeeColleaguesNames_NotTheirEmails_SupervisorsSeeBoth()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var colleague = await hub.CreateOperatorAsync("Bo");
        var supervisor = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));

        var seenByOperator = (await op.Http.GetFromJsonAsync<List<OperatorDto>>("/api/operators", TestJson.Options))!;
        var seenBySupervisor = (await supervisor.Http.GetFromJsonAsync<List<OperatorDto>>("/api/operators", TestJson.Options))!;

        Assert.Null(seenByOperator.Single(o => o.Id == colleague.Id).Email);
        Assert.Equal("Bo", seenByOperator.Single(o => o.Id == colleague.Id).DisplayName);
        Assert.Equal(op.Operator.Email, seenByOperator.Single(o => o.Id == op.Operator.Id).Email);
        Assert.Equal(colleague.Email, seenBySupervisor.Single(o => o.Id == colleague.Id).Email);
    }

    [Theory]
    [InlineData(ConversationState.Assigned, 1L, 1L, false, true)]
    [InlineData(ConversationState.Assigned, 1L, 2L, false, false)]
    [InlineData(ConversationState.Assigned, 1L, 2L, true, true)]
    [InlineData(ConversationState.Waiting, null, 2L, false, true)]
    public void Refusal_IsTheRule(ConversationState state, long? assignee, long actor, bool supervises, bool allowed) =>
        Assert.Equal(allowed, Ownership.Refusal(state, assignee, actor, supervises) is null);
}
