using System.Net;
using System.Net.Http.Json;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>A supervisor on a live chat: whisper to the operator (never the customer), take over, move, set away.</summary>
public sealed class SupervisionTests : IAsyncLifetime
{
    // Offers are accepted on the real clock: a busy machine must not let one expire before the operator's accept.
    private readonly HubFactory hub = new() { Settings = { ["Routing:LiveOfferTimeout"] = "00:02:00" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<(OperatorSession Ada, ConsoleListener AdaConsole, VisitorListener Widget, long ConversationId)> AdaInAChatAsync()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var adaConsole = await ada.ConnectConsoleAsync();
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var chat = await widget.SendAsync("can I pay by invoice?");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        return (ada, adaConsole, widget, chat.ConversationId);
    }

    [Fact]
    public async Task AWhisper_ReachesTheOperator_AndNeverTheVisitor()
    {
        var (ada, adaConsole, widget, id) = await AdaInAChatAsync();
        var sue = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await sue.ConnectConsoleAsync();

        var whispered = await sue.Http.PostAsJsonAsync($"/api/conversations/{id}/whisper", new { text = "Offer the 30-day invoice option" });
        var heard = await adaConsole.Whispers.WaitAsync(w => w.ConversationId == id);
        await ada.ReplyAsync(id, "Yes, you can pay within 30 days.");
        var reply = await widget.Messages.WaitAsync(m => m.Text == "Yes, you can pay within 30 days.");

        Assert.Equal(HttpStatusCode.OK, whispered.StatusCode);
        Assert.Equal(("Offer the 30-day invoice option", sue.Operator.Id, ada.Operator.Id), (heard.Text, heard.FromOperatorId, heard.ToOperatorId));
        // The visitor's live feed (which delivered the reply after the whisper) and stored history never carry it.
        Assert.DoesNotContain(widget.Messages.Seen, m => m.Text.Contains("invoice option"));
        var history = await widget.HistoryAsync(id);
        Assert.DoesNotContain(history.Messages, m => m.Text.Contains("invoice option"));
        Assert.DoesNotContain(await ada.MessagesAsync(id), m => m.Text.Contains("invoice option"));
        var timeline = (await ada.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{id}/timeline", TestJson.Options))!;
        Assert.Contains(timeline, t => t.Kind == TimelineKind.Whispered && t.OperatorId == sue.Operator.Id && t.Detail == "Offer the 30-day invoice option");
        Assert.NotNull(reply);
    }

    [Fact]
    public async Task ASupervisor_TakesOver_AndTheTimelineAndAuditSaySo()
    {
        var (ada, adaConsole, _, id) = await AdaInAChatAsync();
        var admin = await hub.AdminAsync();
        var sue = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await sue.ConnectConsoleAsync();

        var taken = await sue.Http.PostAsync($"/api/conversations/{id}/takeover", null);
        var changed = await adaConsole.Conversations.WaitAsync(c => c.Id == id && c.AssignedOperatorId == sue.Operator.Id);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(ConversationState.Assigned, changed.State);
        var timeline = (await sue.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{id}/timeline", TestJson.Options))!;
        Assert.Equal(TimelineKind.TakenOver, timeline[^1].Kind);
        Assert.Equal($"by operator {sue.Operator.Id}, from operator {ada.Operator.Id}", timeline[^1].Detail);
        var entry = Assert.Single(await admin.AuditAsync("conversation.taken-over"));
        Assert.Equal("Sue", entry.ActorName);
        Assert.Contains($"\"assignedOperatorId\":{ada.Operator.Id}", entry.Before);
    }

    [Fact]
    public async Task ASupervisor_SetsAnOperatorAway_AndMovesAWaitingChatToATeam()
    {
        var admin = await hub.AdminAsync();
        var sue = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        var boConsole = await bo.ConnectConsoleAsync();
        var cy = await hub.LoginAsync(await hub.CreateOperatorAsync("Cy"));
        var team = (await (await admin.Http.PostAsJsonAsync("/api/teams", new { name = "Billing", memberIds = new[] { cy.Operator.Id } }))
            .Content.ReadFromJsonAsync<Teams.TeamDto>(TestJson.Options))!;

        var away = await sue.Http.PutAsJsonAsync($"/api/operators/{bo.Operator.Id}/presence", new { presence = "Away" });
        await boConsole.Presence.WaitAsync(p => p.Presence == Presence.Away);
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var cyConsole = await cy.ConnectConsoleAsync();
        (await cy.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Away" })).EnsureSuccessStatusCode();
        (await bo.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        var chat = await widget.SendAsync("question about my bill");
        var toBo = await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await bo.Http.PostAsync($"/api/offers/{toBo.Id}/decline", null)).EnsureSuccessStatusCode();
        // Bo declined: the chat waits. Moved to Billing, it goes to Cy as soon as Cy is available.
        var moved = await sue.Http.PostAsJsonAsync($"/api/conversations/{chat.ConversationId}/move", new { teamId = team.Id });
        var neither = await sue.Http.PostAsJsonAsync($"/api/conversations/{chat.ConversationId}/move", new { });
        (await cy.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await cyConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        Assert.Equal(["operatorId"], await neither.FieldsAsync());
        var timeline = (await sue.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{chat.ConversationId}/timeline", TestJson.Options))!;
        Assert.Contains(timeline, t => t.Kind == TimelineKind.Moved && t.Detail == "→ team Billing");
        Assert.Single(await admin.AuditAsync("operator.presence-set"));
    }
}
