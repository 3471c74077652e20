using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;
using Xunit.Abstractions;

namespace Omnichannel.Hub.Tests.Cost;

/// <summary>
/// Issue 18: what one inbound message costs in SQL commands, counted (not timed) on the real hub, one signed Twilio
/// webhook at a time, from the request to the outbox row's removal. The clock is fake, so no sweep runs meanwhile.
/// </summary>
public sealed class InboundCommandCountTests : IDisposable
{
    private readonly ITestOutputHelper output;
    /// <summary>Each message's event is deleted as soon as it is handled (no window: the fake clock would never end
    /// one), so its delete is counted with the message, as the budgets say.</summary>
    private readonly MessagingHub hub = new()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)),
        Settings = { ["Events:DeleteWindow"] = "00:00:00" },
    };

    /// <summary>Listening before the hub starts: EF caches for a while whether anyone listens to its command events.</summary>
    private readonly SqlCommandCounter counter;

    public InboundCommandCountTests(ITestOutputHelper output)
    {
        this.output = output;
        counter = new SqlCommandCounter(hub.Storage == Storage.StorageProvider.Sqlite ? hub.DataDirectory : TestStorage.DatabaseName(hub.DataDirectory));
    }

    public void Dispose()
    {
        hub.Dispose();
        counter.Dispose();
    }

    private static Dictionary<string, string> WhatsApp(string phone) =>
        MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')),
            ("SM1f0e8ae6ade43cb3c0ce4525424e404f", "SM" + Guid.NewGuid().ToString("N")));

    private static string NewPhone() => "+3465" + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task AnInboundMessage_CostsABoundedNumberOfSqlCommands_ForAnExistingAndANewContact()
    {
        await OperatorWhoTakesEverythingAsync();
        // Warm-up: compiled queries, caches, the widget's state and the first routing all done once.
        var existing = NewPhone();
        await CountAsync(() => PostAsync(WhatsApp(existing)));
        await CountAsync(() => PostAsync(WhatsApp(NewPhone())));

        var widget = hub.Provider.GetRequiredService<Omnichannel.Hub.Routing.WidgetStateService>();
        var computed = 0;
        widget.Computed += _ => Interlocked.Increment(ref computed);
        var forExisting = await CountAsync(() => PostAsync(WhatsApp(existing)));
        var forNew = await CountAsync(() => PostAsync(WhatsApp(NewPhone())));
        // A WhatsApp conversation changes neither live capacity nor the web chat queue: the widget's state stays as it was.
        Assert.Equal(0, computed);
        output.WriteLine($"existing contact: {forExisting.Count} commands\n-- {string.Join("\n-- ", forExisting)}");
        output.WriteLine($"new contact: {forNew.Count} commands\n-- {string.Join("\n-- ", forNew)}");

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversations = await db.Conversations.TagWith(SqlCommandCounter.ProbeTag).Where(c => c.State == ConversationState.Assigned).CountAsync();
        Assert.Equal(2 + 1, conversations); // every new contact's conversation went to the operator
        Assert.InRange(forExisting.Count, 1, ExistingContactBudget);
        Assert.InRange(forNew.Count, 1, NewContactBudget);
    }

    /// <summary>Dedupe, contact with its latest conversation, message + event, the event's removal (was 6: the
    /// contact and the conversation were two lookups).</summary>
    private const int ExistingContactBudget = 5;

    /// <summary>Dedupe, lookup, five inserts, routing (candidates in one read, the operator's claim, the conversation's
    /// claim that also assigns it, its read for the notification, the accepted offer and the timeline entry), the alert
    /// check, the event's removal (was 28: the conversation was read back for routing, the candidates were four reads, the
    /// widget's state was recomputed for a WhatsApp conversation, the operator was updated twice; 16 until the claim
    /// assigned: the tracked conversation was saved again).</summary>
    private const int NewContactBudget = 15;

    /// <summary>An available operator with room for everything who accepts every offer at once (auto-accept).</summary>
    private async Task OperatorWhoTakesEverythingAsync()
    {
        var op = await hub.OperatorOnDutyAsync();
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Operators.Where(o => o.Id == op.Operator.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.AutoAccept, true));
    }

    private async Task PostAsync(Dictionary<string, string> form)
    {
        var answer = await hub.PostTwilioAsync("/webhooks/twilio", form);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>The commands from the post until its event is gone from the outbox (handled and deleted).</summary>
    private async Task<IReadOnlyList<string>> CountAsync(Func<Task> post)
    {
        var before = counter.Commands.Count;
        await post();
        await hub.EventsHandledAsync("the message's event is handled and removed");
        // The delete is visible before its command is reported to listeners: without this wait, on a busy machine the
        // delete was counted with the next message (4 + 16 commands instead of 5 + 15).
        await Eventually.TrueAsync(() => counter.Commands.Skip(before).Any(c => c.Contains("DELETE FROM \"DomainEvents\"", StringComparison.Ordinal)),
            "the event's delete is counted with its message", TimeSpan.FromSeconds(60));
        return [.. counter.Commands.Skip(before)];
    }
}
