using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>The real hub with a fake clock: web chat waits, time moves, the engine raises at risk and breaches live.</summary>
public sealed class SlaEngineTests(SlaHubFactory hub) : IClassFixture<SlaHubFactory>, IAsyncLifetime
{
    // Web chat is only offered while someone can answer: keep an operator on duty (offers do not stop a clock).
    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WebChatWaiting31Seconds_IsBreached_Stored_PushedToTheSupervisor_AndOnTheBoard()
    {
        var supervisor = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await using var console = await supervisor.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var ack = await widget.SendAsync("Is anyone there?");
        var waiting = await console.Conversations.WaitAsync(c => c.Id == ack.ConversationId);
        Assert.Equal(SlaState.OnTrack, waiting.SlaState);
        Assert.Equal(SlaKind.FirstResponse, waiting.SlaKind);
        Assert.Equal(ack.CreatedAt.AddSeconds(30), waiting.SlaDueAt);

        hub.Clock.Advance(TimeSpan.FromSeconds(23));
        var atRisk = await console.AtRisk.WaitAsync(a => a.ConversationId == ack.ConversationId);
        Assert.Equal(ack.CreatedAt.AddSeconds(30), atRisk.DueAt);
        await console.Conversations.WaitAsync(c => c.Id == ack.ConversationId && c.SlaState == SlaState.AtRisk);

        hub.Clock.Advance(TimeSpan.FromSeconds(8));
        var pushed = await console.Breaches.WaitAsync(b => b.ConversationId == ack.ConversationId);
        Assert.Equal(ChannelKind.WebChat, pushed.Channel);
        Assert.Equal(SlaKind.FirstResponse, pushed.Kind);
        Assert.Equal(30, pushed.TargetSeconds);
        Assert.Equal(ack.CreatedAt.AddSeconds(30), pushed.DueAt);
        Assert.Null(pushed.OperatorId);
        // The engine runs on the (fake) clock: raised the moment time passed the deadline.
        Assert.InRange(pushed.RaisedAt - pushed.DueAt, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await console.Conversations.WaitAsync(c => c.Id == ack.ConversationId && c.SlaState == SlaState.Breached);
        await console.BoardChanges.WaitAsync(_ => true);

        var stored = await BreachesOfAsync(ack.ConversationId);
        Assert.Equal(pushed.Id, Assert.Single(stored).Id);

        var board = (await supervisor.Http.GetFromJsonAsync<SlaBoardDto>("/api/sla/board", TestJson.Options))!;
        var webChat = board.Channels.Single(c => c.Channel == ChannelKind.WebChat);
        Assert.True(webChat.BreachedToday >= 1);
        Assert.True(webChat.WaitingNow >= 1);
        Assert.True(webChat.OldestWaitSeconds >= 31);
        Assert.True(webChat.AttainmentLastHour < 1); // the breach still waits: counted as missed
        var clock = board.AtRisk.Single(c => c.ConversationId == ack.ConversationId);
        Assert.Equal(SlaState.Breached, clock.State);
        Assert.Equal(7, board.Channels.Count); // every channel, Bot Framework included (issue 17)

        var breaches = (await supervisor.Http.GetFromJsonAsync<List<BreachDto>>("/api/sla/breaches?channel=WebChat", TestJson.Options))!;
        Assert.Contains(breaches, b => b.Id == pushed.Id);
        var none = (await supervisor.Http.GetFromJsonAsync<List<BreachDto>>("/api/sla/breaches?channel=email", TestJson.Options))!;
        Assert.DoesNotContain(none, b => b.Id == pushed.Id);

        // Sweeping again (the periodic job, another process) raises nothing twice.
        await hub.Engine.SweepAsync(CancellationToken.None);
        Assert.Single(await BreachesOfAsync(ack.ConversationId));
    }

    [Fact]
    public async Task ReplyBefore30Seconds_StopsTheClock_NoBreach_AndTheResponseIsMeasured()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Quick question");

        hub.Clock.Advance(TimeSpan.FromSeconds(10));
        await ada.ReplyAsync(ack.ConversationId, "Sure, ask away.");
        hub.Clock.Advance(TimeSpan.FromSeconds(31));
        await hub.Engine.SweepAsync(CancellationToken.None);

        Assert.Empty(await BreachesOfAsync(ack.ConversationId));
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == ack.ConversationId);
        Assert.Null(conversation.SlaDueAt);
        Assert.NotNull(conversation.FirstRespondedAt);
        var measured = await db.SlaMeasurements.AsNoTracking().SingleAsync(m => m.ConversationId == ack.ConversationId);
        Assert.True(measured.Met);
        Assert.Equal(10, measured.ResponseSeconds, 3);

        // The next customer message starts a next-response clock.
        var again = await widget.SendAsync("One more thing");
        var next = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == ack.ConversationId);
        Assert.Equal(SlaKind.NextResponse, next.SlaKind);
        Assert.Equal(again.CreatedAt.AddSeconds(30), next.SlaDueAt);
        await ada.ReplyAsync(ack.ConversationId, "Go on.");
    }

    [Fact]
    public async Task Inbox_IsSortedByTimeLeft_AcrossChannels_AndAutomatedMailStartsNoClock()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var email = await hub.ReceiveAsync(ChannelKind.Email, $"{Guid.NewGuid():N}@example.com", "Where is my order?");
        var bounce = await hub.ReceiveAsync(ChannelKind.Email, $"{Guid.NewGuid():N}@example.com", "Out of office", automated: true);
        hub.Clock.Advance(TimeSpan.FromSeconds(1));
        var whatsapp = await hub.ReceiveAsync(ChannelKind.WhatsApp, $"whatsapp:+47{Random.Shared.Next(10000000, 99999999)}", "Hei");
        hub.Clock.Advance(TimeSpan.FromSeconds(1));
        var chat = await hub.ReceiveAsync(ChannelKind.WebChat, $"v_{Guid.NewGuid():N}", "Hello");

        var inbox = (await ada.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=Waiting", TestJson.Options))!;
        var order = inbox.Select(c => c.Id).Where(id => id == email.ConversationId || id == whatsapp.ConversationId || id == chat.ConversationId || id == bounce.ConversationId).ToList();
        // Automatic mail waits for nobody: it is not in the waiting queue but in the automatic view (issue 17).
        Assert.Equal([chat.ConversationId, whatsapp.ConversationId, email.ConversationId], order);
        var automatic = (await ada.Http.GetFromJsonAsync<List<ConversationDto>>("/api/conversations?view=Automatic", TestJson.Options))!;
        var automated = automatic.Single(c => c.Id == bounce.ConversationId);
        Assert.True(automated.Automatic);
        Assert.Null(automated.SlaDueAt);
        Assert.Equal(SlaState.None, automated.SlaState);
        Assert.Equal(SlaState.OnTrack, inbox.Single(c => c.Id == email.ConversationId).SlaState);

        foreach (var id in new[] { email.ConversationId, whatsapp.ConversationId, chat.ConversationId, bounce.ConversationId })
        {
            var closed = await ada.Http.PostAsync($"/api/conversations/{id}/close", null);
            Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        }
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.False(await db.Conversations.AnyAsync(c => c.Id == chat.ConversationId && c.SlaDueAt != null));
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-45")]
    [InlineData("from=2026-03-02T10:00:00Z&to=2026-03-01T10:00:00Z")]
    [InlineData("from=2025-01-01&to=2026-01-01")]
    [InlineData("channel=Fax")]
    [InlineData("channel=3")]
    [InlineData("limit=0")]
    public async Task Breaches_WithBadParameters_Is400ProblemDetails(string query)
    {
        var supervisor = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        var response = await supervisor.Http.GetAsync($"/api/sla/breaches?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestJson.Options);
        Assert.False(string.IsNullOrEmpty(problem!.Detail));
    }

    [Fact]
    public async Task BoardAndBreaches_AreForSupervisors()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.Http.GetAsync("/api/sla/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.Http.GetAsync("/api/sla/breaches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Http().GetAsync("/api/sla/board")).StatusCode);
        var policies = await ada.Http.GetFromJsonAsync<List<SlaEndpoints.SlaPolicyDto>>("/api/sla/policies", TestJson.Options);
        Assert.Equal(30, policies!.Single(p => p.Channel == ChannelKind.WebChat).FirstResponseSeconds);
    }

    [Fact]
    public async Task Metrics_AreExposedForScraping_ToASupervisorNotToAnonymous()
    {
        await hub.ReceiveAsync(ChannelKind.Sms, $"+4790{Random.Shared.Next(100000, 999999)}", "hello");
        // Issue 16: /metrics is no longer anonymous (Metrics:ScrapeToken, ManagementPort or a supervisor's login).
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Http().GetAsync("/metrics")).StatusCode);
        var supervisor = await hub.LoginAsync(await hub.CreateOperatorAsync("Mia", Roles.Supervisor));
        var text = await supervisor.Http.GetStringAsync("/metrics");
        Assert.Contains("omnichannel_queue_length", text);
    }

    private async Task<List<Breach>> BreachesOfAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Breaches.AsNoTracking().Where(b => b.ConversationId == conversationId).ToListAsync();
    }
}
