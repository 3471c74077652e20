using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;
using Xunit.Abstractions;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>
/// What a web chat message costs, counted rather than timed (docs/performance.md): every SQL command the hub runs from
/// the visitor's send until the message is pushed to the console and its domain event is gone from the outbox.
/// </summary>
public sealed class WebChatCostTests : IDisposable
{
    private const int Messages = 20;

    /// <summary>Measured: 8 (docs/performance.md). A change that adds a round trip to every web chat message fails here.</summary>
    private const int MaxCommandsPerMessage = 8;

    /// <summary>Listening before the hub starts: EF caches for a while whether anyone listens to its command events.</summary>
    private readonly SqlCommandCounter counter;

    private readonly ITestOutputHelper output;
    private readonly HubFactory hub;

    public WebChatCostTests(ITestOutputHelper output)
    {
        this.output = output;
        // Nothing polls behind the test's back: the timed sweeps are far apart, so what is counted is the message's own work.
        hub = new HubFactory
        {
            Settings =
            {
                ["Events:PollInterval"] = "01:00:00", ["Outbox:PollInterval"] = "01:00:00", ["Routing:SweepInterval"] = "01:00:00",
                ["Sla:SweepInterval"] = "01:00:00", ["Sla:StatsInterval"] = "01:00:00", ["Alerts:FallbackAfter"] = "01:00:00",
            },
        };
        counter = new SqlCommandCounter(hub.Storage == Storage.StorageProvider.Sqlite ? hub.DataDirectory : TestStorage.DatabaseName(hub.DataDirectory));
    }

    public void Dispose()
    {
        hub.Dispose();
        counter.Dispose();
    }

    [Fact]
    public async Task AMessageInAnAssignedChat_CostsAFewSqlCommands_AndIsPushedToTheOperatorAndTheVisitorsOtherTab()
    {
        var duty = await hub.OperatorOnDutyAsync();
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        // The visitor's other tab is shown each message (the tab that sent it has the send's answer instead).
        await using var otherTab = await visitor.ConnectAsync();
        var first = await widget.SendAsync("Hello, anyone there?");
        await AssignedAsync(duty, first.ConversationId);
        await OutboxEmptyAsync();

        var (commandsBefore, writesBefore) = (counter.Commands.Count, counter.OwnWrites.Count);
        for (var i = 0; i < Messages; i++)
        {
            var ack = await widget.SendAsync($"Question {i}");
            await console.Messages.WaitAsync(m => m.Id == ack.MessageId);
            await otherTab.Messages.WaitAsync(m => m.Id == ack.MessageId);
        }
        await OutboxEmptyAsync();
        var commands = counter.Commands.Skip(commandsBefore).ToList();

        foreach (var group in commands.GroupBy(c => c).OrderByDescending(g => g.Count()))
            output.WriteLine($"{group.Count(),4} × {group.Key.ReplaceLineEndings(" ")}");
        var ownWrites = counter.OwnWrites.Skip(writesBefore).ToList();
        foreach (var write in ownWrites)
            output.WriteLine($"own commit: {write.ReplaceLineEndings(" ")}");
        output.WriteLine($"{commands.Count} commands for {Messages} messages, {ownWrites.Count} writes committed on their own");
        // Visitor state, dedupe, contact, conversation; conversation update, message and event inserts (one transaction); the event delete.
        Assert.InRange(commands.Count, Messages, Messages * MaxCommandsPerMessage);
        // Two commits per message when messages come one at a time: the group commit that makes it durable, and the
        // handled event's delete (on SQLite without a disk sync of its own; under load one delete covers many events).
        Assert.InRange(ownWrites.Count, 1, Messages);
    }

    private async Task AssignedAsync(OperatorSession op, long conversationId)
    {
        var claimed = await op.Http.PostAsync($"/api/conversations/{conversationId}/claim", null);
        claimed.EnsureSuccessStatusCode();
        Assert.Equal(ConversationState.Assigned, (await claimed.Content.ReadFromJsonAsync<ConversationDto>(TestJson.Options))!.State);
    }

    /// <summary>Every domain event handled and deleted (its delete is counted as part of the message's cost).</summary>
    private Task OutboxEmptyAsync() => hub.EventsHandledAsync("the outbox is empty");
}
