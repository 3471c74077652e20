using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>Typing both ways over the existing hubs: at most one event per 2 s per side, a preview for operators, nothing stored.</summary>
public sealed class TypingIndicatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public TypingIndicatorTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<int> StoredMessagesAsync()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Messages.CountAsync();
    }

    [Fact]
    public async Task VisitorTyping_ReachesOperatorsWithAPreview_AtMostEveryTwoSeconds_AndIsNeverStored()
    {
        var duty = await hub.OperatorOnDutyAsync();
        await using var console = await duty.ConnectConsoleAsync();
        var seen = new Inbox<VisitorTypingDto>();
        console.Connection.On<VisitorTypingDto>("VisitorTyping", seen.Add);
        await using var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var ack = await widget.SendAsync("Hello");
        var stored = await StoredMessagesAsync();

        foreach (var draft in new[] { "I", "I w", "I wa", "I want", "I want to" })
            await widget.Connection.InvokeAsync("Typing", draft);
        clock.Advance(TimeSpan.FromSeconds(2));
        await widget.Connection.InvokeAsync("Typing", "I want to return my boots");
        var second = await seen.WaitAsync(t => t.Preview == "I want to return my boots");

        Assert.Equal([("I", true), ("I want to return my boots", true)], seen.Seen.Select(t => (t.Preview!, t.Typing)));
        Assert.Equal(ack.ConversationId, second.ConversationId);
        Assert.Equal(stored, await StoredMessagesAsync());
    }

    [Fact]
    public async Task AnOversizePreview_IsTruncated_AndWithPreviewsOffOnlyTypingIsShown()
    {
        Assert.Equal(TypingRules.MaxPreview, TypingRules.Preview(new string('x', 10_000) + "end", true)!.Length);
        Assert.EndsWith("end", TypingRules.Preview(new string('x', 10_000) + "end", true));
        Assert.Null(TypingRules.Preview("my card number is …", previewEnabled: false));

        hub.Settings["Widget:TypingPreview"] = "false";
        var duty = await hub.OperatorOnDutyAsync();
        await using var console = await duty.ConnectConsoleAsync();
        var seen = new Inbox<VisitorTypingDto>();
        console.Connection.On<VisitorTypingDto>("VisitorTyping", seen.Add);
        await using var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        await widget.SendAsync("Hello");

        await widget.Connection.InvokeAsync("Typing", "my card number is 4111");

        var typing = await seen.WaitAsync(_ => true);
        Assert.True(typing.Typing);
        Assert.Null(typing.Preview);
    }

    [Fact]
    public async Task OperatorTyping_ReachesTheVisitorWithTheOperatorsName_AtMostEveryTwoSeconds()
    {
        var duty = await hub.OperatorOnDutyAsync();
        await using var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var seen = new Inbox<OperatorTypingDto>();
        widget.Connection.On<OperatorTypingDto>("OperatorTyping", seen.Add);
        var ack = await widget.SendAsync("Anyone there?");

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await duty.Http.PostAsJsonAsync($"/api/conversations/{ack.ConversationId}/typing", new { typing = true })).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(2));
        (await duty.Http.PostAsJsonAsync($"/api/conversations/{ack.ConversationId}/typing", new { typing = false })).EnsureSuccessStatusCode();
        await seen.WaitAsync(t => !t.Typing);

        Assert.Equal([true, false], seen.Seen.Select(t => t.Typing));
        Assert.All(seen.Seen, t => Assert.Equal("Duty", t.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await duty.Http.PostAsJsonAsync("/api/conversations/999999/typing", new { typing = true })).StatusCode);
    }
}
