using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Routing.Rules;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>"Page group checkout → team Checkout, skill payments": only the team is offered the chat, anyone after the overflow time.</summary>
public sealed class RoutingRulesFlowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public RoutingRulesFlowTests()
    {
        hub = new HubFactory { Time = clock };
        hub.Settings["Routing:DefaultHandleTime"] = "00:00:10";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    /// <summary>Bo (no team, created first so the router would otherwise pick him) and Cy (team Checkout, skill payments).</summary>
    private async Task<(OperatorSession Admin, ConsoleListener Bo, OperatorSession Cy, ConsoleListener CyConsole, TeamDto Team)> CheckoutRuleAsync()
    {
        var admin = await hub.AdminAsync();
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        var cy = await hub.LoginAsync(await hub.CreateOperatorAsync("Cy"));
        (await admin.Http.PutAsJsonAsync($"/api/operators/{cy.Operator.Id}", new { skills = new[] { "payments" } })).EnsureSuccessStatusCode();
        var team = (await (await admin.Http.PostAsJsonAsync("/api/teams", new { name = "Checkout", memberIds = new[] { cy.Operator.Id } }))
            .Content.ReadFromJsonAsync<TeamDto>(TestJson.Options))!;
        var rule = await admin.Http.PostAsJsonAsync("/api/routing/rules", new { name = "Checkout", pageGroup = "/checkout*", teamId = team.Id, skills = new[] { "payments" }, overflowAfterSeconds = 60 });
        rule.EnsureSuccessStatusCode();
        return (admin, await bo.ConnectConsoleAsync(), cy, await cy.ConnectConsoleAsync(), team);
    }

    /// <summary>A visitor whose loader reported the page, then writes in the widget.</summary>
    private async Task<long> ChatFromAsync(string path, string text)
    {
        var visitor = await hub.NewVisitorAsync();
        var batch = JsonSerializer.Serialize(new { token = visitor.Token, path, lang = "en" });
        (await hub.Http().PostAsync("/api/widget/signals", new StringContent(batch, Encoding.UTF8, "text/plain"))).EnsureSuccessStatusCode();
        var widget = await visitor.ConnectAsync();
        return (await widget.SendAsync(text)).ConversationId;
    }

    [Fact]
    public async Task AChatOnTheCheckoutPage_IsOfferedToTheTeam_AndTheTimelineSaysWhy()
    {
        var (admin, bo, _, cyConsole, _) = await CheckoutRuleAsync();

        var checkout = await ChatFromAsync("/checkout/payment", "my card is refused");
        var elsewhere = await ChatFromAsync("/product/42", "is this in stock?");

        await cyConsole.Offers.WaitAsync(o => o.ConversationId == checkout);
        await bo.Offers.WaitAsync(o => o.ConversationId == elsewhere);
        Assert.DoesNotContain(bo.Offers.Seen, o => o.ConversationId == checkout);
        var timeline = (await admin.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{checkout}/timeline", TestJson.Options))!;
        Assert.Equal([TimelineKind.NeedsSet, TimelineKind.Offered], timeline.Select(t => t.Kind));
        Assert.Equal("needs: payments → team Checkout (rule “Checkout”; anyone after 60 s)", timeline[0].Detail);
    }

    [Fact]
    public async Task WhenTheTeamIsAway_TheChatWaitsForIt_ThenOverflowsToAnyoneAfterTheOverflowTime()
    {
        var (admin, bo, cy, _, _) = await CheckoutRuleAsync();
        (await cy.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        var supervisor = await (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor))).ConnectConsoleAsync();

        var checkout = await ChatFromAsync("/checkout", "payment failed");
        clock.Advance(TimeSpan.FromSeconds(25));
        // The sweep that alerts supervisors at 25 s has also run the "everyone at once" step at 20 s: nobody outside the team got it.
        await supervisor.Alerts.WaitAsync(a => a.ConversationId == checkout);
        Assert.DoesNotContain(bo.Offers.Seen, o => o.ConversationId == checkout);
        clock.Advance(TimeSpan.FromSeconds(35));
        var offer = await bo.Offers.WaitAsync(o => o.ConversationId == checkout);

        Assert.Equal(checkout, offer.ConversationId);
        var timeline = (await admin.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{checkout}/timeline", TestJson.Options))!;
        Assert.Equal([TimelineKind.NeedsSet, TimelineKind.SupervisorsAlerted, TimelineKind.Overflowed, TimelineKind.Offered], timeline.Select(t => t.Kind));
        Assert.Equal("unanswered by the team / payments: offered to anyone", timeline[2].Detail);
    }

    [Fact]
    public async Task RulesAreValidated_AndAudited()
    {
        var admin = await hub.AdminAsync();

        var bad = await admin.Http.PostAsJsonAsync("/api/routing/rules", new { name = "", channel = "Fax", pageGroup = "checkout", teamId = 999, overflowAfterSeconds = 0 });
        var good = await admin.Http.PostAsJsonAsync("/api/routing/rules", new { name = "Dutch", language = "nl", skills = new[] { "nl" } });

        Assert.Equal(["channel", "name", "overflowAfterSeconds", "pageGroup", "teamId"], (await bad.FieldsAsync()).Order());
        var rule = (await good.Content.ReadFromJsonAsync<RoutingRuleDto>(TestJson.Options))!;
        Assert.Equal(("nl", 60), (rule.Language, rule.OverflowAfterSeconds));
        Assert.Single(await admin.AuditAsync("routing-rule.created"));
    }
}
