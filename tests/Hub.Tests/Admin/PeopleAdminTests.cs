using System.Net;
using System.Net.Http.Json;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>An admin runs the people side of the contact center through the API the console uses.</summary>
public sealed class PeopleAdminTests : IAsyncLifetime
{
    // Offers are accepted on the real clock: a busy machine must not let one expire before the operator's accept.
    private readonly HubFactory hub = new() { Settings = { ["Routing:LiveOfferTimeout"] = "00:02:00" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task AdminCreatesEditsAndResetsAnOperator_AndEachChangeIsInTheAuditLog()
    {
        var admin = await hub.AdminAsync();
        var created = await admin.Http.PostAsJsonAsync("/api/operators", new { email = "noor@shop.test", displayName = "Noor", password = "first-password", role = "operator" });
        var noor = (await created.Content.ReadFromJsonAsync<OperatorDto>(TestJson.Options))!;

        var edited = await admin.Http.PutAsJsonAsync($"/api/operators/{noor.Id}", new
        {
            displayName = "Noor de Vries", role = "supervisor", liveCapacity = 5, asyncCapacity = 20, skills = new[] { "Returns" }, languages = new[] { "nl", "en" },
        });
        var reset = await admin.Http.PostAsJsonAsync($"/api/operators/{noor.Id}/password", new { password = "second-password" });
        var login = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = "noor@shop.test", password = "second-password" });
        var oldPassword = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = "noor@shop.test", password = "first-password" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = (await edited.Content.ReadFromJsonAsync<OperatorDto>(TestJson.Options))!;
        Assert.Equal(("Noor de Vries", "supervisor", 5, 20), (after.DisplayName, after.Role, after.LiveCapacity, after.AsyncCapacity));
        Assert.Equal(["returns"], after.Skills);
        Assert.Equal(["nl", "en"], after.Languages);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        var audit = await admin.AuditAsync();
        Assert.Equal(["operator.password-reset", "operator.updated", "operator.created"], audit.Select(a => a.Action).Take(3));
        var update = audit.Single(a => a.Action == "operator.updated");
        Assert.Equal(("Admin", $"operator {noor.Id}"), (update.ActorName, update.Subject));
        Assert.Contains("\"displayName\":\"Noor\"", update.Before);
        Assert.Contains("\"displayName\":\"Noor de Vries\"", update.After);
        Assert.DoesNotContain(audit, a => (a.Before + a.After).Contains("password\"", StringComparison.OrdinalIgnoreCase) || (a.After ?? "").Contains("second-password"));
        var csv = await admin.Http.GetStringAsync("/api/audit/export.csv");
        Assert.StartsWith("id,at,actor_id,actor,action,subject,before,after\n", csv);
        Assert.Contains("\"operator.updated\"", csv);
    }

    [Fact]
    public async Task DisablingAnOperator_ReroutesTheirOpenChats_AndLocksThemOutAtOnce()
    {
        var admin = await hub.AdminAsync();
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var adaConsole = await ada.ConnectConsoleAsync();
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var chat = await widget.SendAsync("my parcel is late");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        var boConsole = await bo.ConnectConsoleAsync();

        var disabled = await admin.Http.PostAsync($"/api/operators/{ada.Operator.Id}/disable", null);
        var rerouted = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(chat.ConversationId, rerouted.ConversationId);
        var timeline = (await admin.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{chat.ConversationId}/timeline", TestJson.Options))!;
        Assert.Contains(timeline, t => t.Kind == TimelineKind.Rerouted && t.OperatorId == ada.Operator.Id && t.Detail == "operator disabled");
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.Http.GetAsync("/api/conversations")).StatusCode);
        var login = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = ada.Operator.Email, password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        var me = await admin.Http.GetFromJsonAsync<OperatorDto>($"/api/operators/{ada.Operator.Id}", TestJson.Options);
        Assert.Equal((true, Presence.Offline), (me!.Disabled, me.Presence));
        Assert.Single(await admin.AuditAsync("operator.disabled"));
    }

    [Fact]
    public async Task ADemotedAdmin_LosesAdminEndpointsWithoutLoggingInAgain()
    {
        var admin = await hub.AdminAsync();
        var other = await hub.LoginAsync(await hub.CreateOperatorAsync("Other admin", Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/api/audit")).StatusCode);

        (await admin.Http.PutAsJsonAsync($"/api/operators/{other.Operator.Id}", new { role = "operator" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/api/conversations")).StatusCode);
    }

    [Fact]
    public async Task Teams_KeepTheirMembers_AndDuplicateOrBadFieldsAre400WithNothingSaved()
    {
        var admin = await hub.AdminAsync();
        var cy = await hub.CreateOperatorAsync("Cy");
        var created = await admin.Http.PostAsJsonAsync("/api/teams", new { name = "Checkout", channels = new[] { "webchat" }, skills = new[] { "Payments" }, pageGroups = new[] { "/checkout*" }, memberIds = new[] { cy.Id } });
        var team = (await created.Content.ReadFromJsonAsync<TeamDto>(TestJson.Options))!;

        var duplicate = await admin.Http.PostAsJsonAsync("/api/teams", new { name = " checkout " });
        var halfBad = await admin.Http.PutAsJsonAsync($"/api/teams/{team.Id}", new { name = "Renamed", channels = new[] { "Pigeon" }, memberIds = new[] { 424242 } });
        var empty = await admin.Http.PostAsJsonAsync("/api/teams", new { name = "" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["WebChat"], team.Channels);
        Assert.Equal(["payments"], team.Skills);
        Assert.Equal([cy.Id], team.MemberIds);
        Assert.Equal(["name"], await duplicate.FieldsAsync());
        Assert.Equal(["channels", "memberIds"], (await halfBad.FieldsAsync()).Order());
        Assert.Equal(["name"], await empty.FieldsAsync());
        var teams = (await admin.Http.GetFromJsonAsync<List<TeamDto>>("/api/teams", TestJson.Options))!;
        Assert.Equal(["Checkout"], teams.Select(t => t.Name));
        Assert.Equal(["team.created"], (await admin.AuditAsync()).Select(a => a.Action));
    }

    [Fact]
    public async Task EveryOperator_EditsTheirOwnProfile_AndChangesTheirPasswordWithTheCurrentOne()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));

        var profile = await ada.Http.PutAsJsonAsync("/api/operators/me/profile", new { displayName = "Ada Lovelace", locale = "nl", languages = new[] { "EN", "nl" } });
        var badLocale = await ada.Http.PutAsJsonAsync("/api/operators/me/profile", new { locale = "tlh" });
        var wrongCurrent = await ada.Http.PutAsJsonAsync("/api/operators/me/password", new { currentPassword = "guess", newPassword = "a-new-password" });
        var changed = await ada.Http.PutAsJsonAsync("/api/operators/me/password", new { currentPassword = "correct-horse-battery", newPassword = "a-new-password" });
        var login = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = ada.Operator.Email, password = "a-new-password" });

        var me = (await profile.Content.ReadFromJsonAsync<OperatorDto>(TestJson.Options))!;
        Assert.Equal(("Ada Lovelace", "nl", "AL"), (me.DisplayName, me.Locale, me.Initials));
        Assert.Equal(["en", "nl"], me.Languages);
        Assert.Equal(["locale"], await badLocale.FieldsAsync());
        Assert.Equal(["currentPassword"], await wrongCurrent.FieldsAsync());
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task PageRuleChanges_LandInTheAuditLog_WithWhatWasSaved()
    {
        var admin = await hub.AdminAsync();

        var created = await admin.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "/checkout*", exclude = false });
        var refused = await admin.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "no slash", exclude = false });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var entry = Assert.Single(await admin.AuditAsync());
        Assert.Equal(("page-rule.created", "Admin"), (entry.Action, entry.ActorName));
        Assert.Contains("/checkout*", entry.After);
    }
}
