using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Teams;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>The SLA board per team, and for a past day from what was stored.</summary>
public sealed class BoardByTeamAndDayTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public BoardByTeamAndDayTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task ATeamsAnswers_CountForTheTeam_AndYesterdayIsReadFromStoredData()
    {
        var admin = await hub.AdminAsync();
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        var adaConsole = await ada.ConnectConsoleAsync();
        var team = (await (await admin.Http.PostAsJsonAsync("/api/teams", new { name = "Support", memberIds = new[] { ada.Operator.Id } }))
            .Content.ReadFromJsonAsync<TeamDto>(TestJson.Options))!;
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var chat = await widget.SendAsync("hello");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromSeconds(10));
        await ada.ReplyAsync(chat.ConversationId, "Hi, how can I help?");

        // Read at the very instant of the answer (the fake clock stands still): today's board counts it.
        var today = (await admin.Http.GetFromJsonAsync<SlaBoardDto>("/api/sla/board", TestJson.Options))!;
        // Past midnight (within the login's 12 hours): the 25th is yesterday now.
        clock.Advance(TimeSpan.FromHours(6));
        var yesterday = (await admin.Http.GetFromJsonAsync<SlaBoardDto>("/api/sla/board?day=2026-11-25", TestJson.Options))!;
        var nextDay = (await admin.Http.GetFromJsonAsync<SlaBoardDto>("/api/sla/board", TestJson.Options))!;
        var future = await admin.Http.GetAsync("/api/sla/board?day=2026-11-27");
        var garbage = await admin.Http.GetAsync("/api/sla/board?day=yesterday");

        var support = Assert.Single(today.Teams);
        Assert.Equal((team.Id, 1, 1, 1.0), (support.Id, support.MembersOnline, support.Open, support.AttainmentToday));
        Assert.True(today.Live);
        Assert.False(yesterday.Live);
        Assert.Equal(new DateOnly(2026, 11, 25), yesterday.Day);
        var webChat = yesterday.Channels.Single(c => c.Channel == ChannelKind.WebChat);
        Assert.Equal((1.0, 10.0), (webChat.AttainmentToday, webChat.MedianFirstResponseSeconds));
        Assert.Equal(24, webChat.Attainment.Count);
        Assert.Empty(yesterday.AtRisk);
        Assert.Equal(1.0, Assert.Single(yesterday.Teams).AttainmentToday);
        Assert.Null(nextDay.Channels.Single(c => c.Channel == ChannelKind.WebChat).AttainmentToday);
        Assert.Equal(["day"], await future.FieldsAsync());
        Assert.Equal(["day"], await garbage.FieldsAsync());
    }
}
