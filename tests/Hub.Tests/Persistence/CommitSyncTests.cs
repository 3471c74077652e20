using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Persistence;

/// <summary>
/// On SQLite the inbound writer commits without a disk sync of its own and hands the write turn on; its callers are
/// answered only once the log is synced (persist-before-ack), and while a sync runs the writer already writes the next
/// group. The log's sync is held here by the test, so each step is seen in order.
/// </summary>
public sealed class CommitSyncTests : IDisposable
{
    private readonly SqliteHubFactory hub = new();
    private HeldLog? held;

    public CommitSyncTests()
    {
        // Only this process's own path handles its events here: no other worker takes them over while a sync is held.
        hub.Settings["Events:ClaimLease"] = "01:00:00";
        hub.OverrideServices = services =>
        {
            var real = (WalFile)services.Last(d => d.ServiceType == typeof(WalFile)).ImplementationInstance!;
            held = new HeldLog(real.Path);
            services.AddSingleton<WalFile>(held);
        };
    }

    /// <summary>The hub's log (set up when the hub starts: on first use).</summary>
    private HeldLog Log => hub.Services is not null && held is { } log ? log : throw new InvalidOperationException("The hub did not start.");

    public void Dispose()
    {
        held?.Open();
        hub.Dispose();
    }

    private static InboundMessage WhatsApp(string phone, string id) =>
        new(ChannelKind.WhatsApp, phone, id, "Do you ship to Lisbon?", DateTime.UtcNow);

    [Fact]
    public async Task AMessage_IsAnsweredOnlyOnceTheLogIsSynced_AndTheNextGroupIsWrittenMeanwhile()
    {
        Assert.True(hub.Services.GetRequiredService<CommitSync>().Deferred);
        var first = ReceiveAsync(WhatsApp("+351910000001", "wamid.first"));
        await Log.SyncStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Committed (another connection reads it) but not answered: its sync is held.
        Assert.True(await StoredAsync("wamid.first"));
        Assert.False(first.IsCompleted);

        // The turn was handed on: the next message is written while the first one's sync is still held.
        var second = ReceiveAsync(WhatsApp("+351910000002", "wamid.second"));
        await Eventually.TrueAsync(() => StoredAsync("wamid.second"), "the second message is committed", TimeSpan.FromMinutes(1));
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        Log.Open();
        var (a, b) = (await first, await second);
        Assert.False(a.Duplicate);
        Assert.False(b.Duplicate);
        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.True(Log.Syncs >= 1);
    }

    [Fact]
    public async Task ARetryOfAMessageWhoseSyncIsHeld_IsAnsweredAfterTheSync_AsTheStoredMessage()
    {
        var first = ReceiveAsync(WhatsApp("+351910000003", "wamid.retried"));
        await Log.SyncStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // The provider sends it again before the first answer: the writer finds it stored, and waits for the sync too.
        var retry = ReceiveAsync(WhatsApp("+351910000003", "wamid.retried"));
        // The writer takes its queue in order: once a message sent after the retry is committed, the retry was looked up.
        var later = ReceiveAsync(WhatsApp("+351910000004", "wamid.later"));
        await Eventually.TrueAsync(() => StoredAsync("wamid.later"), "the message after the retry is committed", TimeSpan.FromMinutes(1));
        Assert.False(retry.IsCompleted);

        Log.Open();
        var (stored, answered) = (await first, await retry);
        Assert.False((await later).Duplicate);
        Assert.False(stored.Duplicate);
        Assert.True(answered.Duplicate);
        Assert.Equal((stored.ConversationId, stored.MessageId), (answered.ConversationId, answered.MessageId));
    }

    [Fact]
    public async Task TheOperatorIsShownAMessage_WhileItsSyncIsHeld_AndItsSenderIsAnsweredOnlyAfterIt()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await ada.ConnectConsoleAsync();
        Log.Open();
        var first = await ReceiveAsync(WhatsApp("+351910000005", "wamid.first-of-two"));
        var offer = await console.Offers.WaitAsync(o => o.ConversationId == first.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();

        Log.Hold();
        var second = ReceiveAsync(WhatsApp("+351910000005", "wamid.second-of-two") with { Text = "Still there?" });
        await Log.SyncStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        // Committed, so its event is handled at once: the operator in the chat is shown it a sync before the answer.
        var shown = await console.Messages.WaitAsync(m => m.Text == "Still there?");
        Assert.False(second.IsCompleted);

        Log.Open();
        var answered = await second;
        Assert.False(answered.Duplicate);
        Assert.Equal((first.ConversationId, answered.MessageId), (shown.ConversationId, shown.Id));
    }

    [Fact]
    public void TheRealLog_IsSyncedWhereItIs_AndAMissingOneNeedsNoSync()
    {
        Assert.NotNull(Log.Path);
        Assert.EndsWith("-wal", Log.Path);
        new WalFile(Log.Path).Sync();
        new WalFile(Path.Combine(hub.DataDirectory, "none.db-wal")).Sync();
        Assert.Null(WalFile.Of("Data Source=:memory:").Path);
        Assert.Null(WalFile.Of("Data Source=shared;Mode=Memory").Path);
    }

    private async Task<InboundResult> ReceiveAsync(InboundMessage message)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInboundSink>().ReceiveAsync(message, CancellationToken.None);
    }

    private async Task<bool> StoredAsync(string providerId)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.AnyAsync(m => m.ProviderMessageId == providerId);
    }

    /// <summary>The real log, its syncs held until the test opens it (and again once it holds them anew); counts them, and
    /// says when one is held.</summary>
    private sealed class HeldLog(string? path) : WalFile(path)
    {
        private readonly ManualResetEventSlim open = new();
        private TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int syncs;

        public TaskCompletionSource SyncStarted => Volatile.Read(ref started);

        public int Syncs => Volatile.Read(ref syncs);

        public void Open() => open.Set();

        /// <summary>Holds the syncs from now on; <see cref="SyncStarted"/> says when the next one is held.</summary>
        public void Hold()
        {
            Volatile.Write(ref started, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            open.Reset();
        }

        public override void Sync()
        {
            if (!open.IsSet)
                SyncStarted.TrySetResult();
            open.Wait(TimeSpan.FromMinutes(2));
            base.Sync();
            Interlocked.Increment(ref syncs);
        }
    }
}
