using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>Deadlines live in storage: a hub that stops and starts again raises every one of them, once.</summary>
public sealed class SlaRestartTests : IDisposable
{
    private readonly string directory = HubFactory.NewDataDirectory();
    private readonly FakeTimeProvider clock = new(SlaHubFactory.WholeMilliseconds(DateTimeOffset.UtcNow));

    /// <summary>One hub "process" over the shared data directory and clock.</summary>
    private SlaHubFactory Start() => new RestartableHub(clock, directory);

    private sealed class RestartableHub(FakeTimeProvider clock, string directory) : SlaHubFactory(clock, directory);

    [Fact]
    public async Task DeadlinesPendingBeforeAStop_AreRaisedAfterStart_NoneLost_NoneDoubled()
    {
        long dueWhileDown, dueAfterStart, answered;
        var first = Start();
        await using (first)
        {
            var ada = await first.LoginAsync(await first.CreateOperatorAsync("Ada"));
            dueWhileDown = (await first.ReceiveAsync(ChannelKind.WebChat, $"v_{Guid.NewGuid():N}", "first")).ConversationId; // due t+30
            answered = (await first.ReceiveAsync(ChannelKind.WebChat, $"v_{Guid.NewGuid():N}", "answered")).ConversationId;
            clock.Advance(TimeSpan.FromSeconds(20));
            dueAfterStart = (await first.ReceiveAsync(ChannelKind.WebChat, $"v_{Guid.NewGuid():N}", "second")).ConversationId; // due t+50
            await ada.ReplyAsync(answered, "Hi!");
            Assert.Empty(await BreachesAsync(first));
        }

        clock.Advance(TimeSpan.FromSeconds(20)); // t+40: the first deadline passes while no hub runs

        var second = Start();
        await using (second)
        {
            // The start-up sweep raises what came due while down; sweeping again (waits for it) adds nothing.
            await second.Engine.SweepAsync(CancellationToken.None);
            var afterStart = await BreachesAsync(second);
            var raised = Assert.Single(afterStart);
            Assert.Equal(dueWhileDown, raised.ConversationId);
            Assert.Equal(clock.GetUtcNow().UtcDateTime, raised.RaisedAt);

            // The second deadline was armed from storage and fires on time.
            var swept = new TaskCompletionSource();
            second.Engine.Swept += r => { if (r.Breaches > 0) swept.TrySetResult(); };
            clock.Advance(TimeSpan.FromSeconds(11)); // t+51
            await swept.Task.WaitAsync(TimeSpan.FromSeconds(60));

            await Task.WhenAll(second.Engine.SweepAsync(CancellationToken.None), second.Engine.SweepAsync(CancellationToken.None));
            var all = await BreachesAsync(second);
            Assert.Equal([dueWhileDown, dueAfterStart], all.OrderBy(b => b.Id).Select(b => b.ConversationId));
            Assert.DoesNotContain(all, b => b.ConversationId == answered);
        }

        // A third start finds nothing left to raise.
        var third = Start();
        await using (third)
        {
            var result = await third.Engine.SweepAsync(CancellationToken.None);
            Assert.Equal(0, result.Breaches);
            Assert.Equal(2, (await BreachesAsync(third)).Count);
        }
    }

    [Fact]
    public async Task TwoEngines_OnOneDatabase_RaiseEachBreachOnce()
    {
        var hub = Start();
        await using (hub)
        {
            var ids = new List<long>();
            for (var i = 0; i < 20; i++)
                ids.Add((await hub.ReceiveAsync(ChannelKind.WebChat, $"v_{Guid.NewGuid():N}", "race")).ConversationId);
            // A second engine over the same store stands in for a second hub process.
            var services = hub.Provider;
            var other = ActivatorUtilities.CreateInstance<SlaDeadlineEngine>(services);
            clock.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAll(hub.Engine.SweepAsync(CancellationToken.None), other.SweepAsync(CancellationToken.None));
            await other.DisposeAsync();
            var breaches = await BreachesAsync(hub);
            Assert.Equal(ids.Order(), breaches.Select(b => b.ConversationId).Order());
        }
    }

    [Fact]
    public async Task CustomersWaitingWithoutAClock_GetOneAtStart()
    {
        var hub = Start();
        await using (hub)
        {
            var id = (await hub.ReceiveAsync(ChannelKind.Telegram, Guid.NewGuid().ToString("N"), "hi")).ConversationId;
            // As if stored by a hub without the SLA engine (or one that crashed before the SLA step).
            await using (var scope = hub.Provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
                await db.Conversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.SlaKind, (SlaKind?)null).SetProperty(c => c.SlaDueAt, (DateTime?)null)
                    .SetProperty(c => c.SlaStartedAt, (DateTime?)null).SetProperty(c => c.SlaNextCheckAt, (DateTime?)null));
            }
            Assert.Equal(1, await hub.Engine.StartMissingClocksAsync(CancellationToken.None));
            await using (var scope = hub.Provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
                var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
                Assert.Equal(conversation.WaitingSince!.Value.AddMinutes(5), conversation.SlaDueAt);
                Assert.Equal(SlaKind.FirstResponse, conversation.SlaKind);
            }
            Assert.Equal(0, await hub.Engine.StartMissingClocksAsync(CancellationToken.None));
        }
    }

    private static async Task<List<Breach>> BreachesAsync(SlaHubFactory hub)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Breaches.AsNoTracking().ToListAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
