using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>
/// A widget that closes while its send waits for the commit (a busy hub, a visitor leaving the page) is not an error of
/// the hub's: the send ends unanswered without an Error in the log, and the message is stored all the same — once.
/// </summary>
public sealed class ClosedWidgetSendTests : IAsyncLifetime
{
    private readonly LogRecorder logs = new(LogLevel.Debug);

    /// <summary>The hub's write turns, taken on either database, so the test can hold the inbound writer at its commit.</summary>
    private readonly WriteTurns turns = new(Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite }));

    private readonly HubFactory hub;
    private readonly WriterReads reads;

    public ClosedWidgetSendTests()
    {
        hub = new HubFactory { Settings = { [$"Logging:LogLevel:{typeof(ClosedCallerFilter).FullName}"] = "Debug" } };
        hub.OverrideServices = services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton(turns);
        };
        reads = new WriterReads(hub.Storage == StorageProvider.Sqlite ? hub.DataDirectory : TestStorage.DatabaseName(hub.DataDirectory));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        reads.Dispose();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task AWidgetClosedWhileItsSendWaitsForTheCommit_LogsNoError_AndTheMessageIsStoredOnce()
    {
        await hub.OperatorOnDutyAsync();
        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var first = await widget.SendAsync("Is the blue one in stock?");
        var clientId = Guid.NewGuid().ToString();
        reads.Watch(clientId);
        logs.Entries.Clear(); // from here on (PostgreSQL's first migration logs its probe of the missing history table)

        Task<VisitorAck> send;
        using (await turns.TakeAsync("test"))
        {
            send = widget.SendAsync("And in size 42?", clientId);
            // The writer has looked the message up (not stored yet): its group now waits for the turn the test holds.
            await reads.Seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await widget.DisposeAsync();
            await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Category == typeof(ClosedCallerFilter).FullName || e.Level >= LogLevel.Error),
                "the hub ended the closed widget's send");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => send);
        Assert.True(!logs.Errors.Any(), string.Join("\n", logs.Errors));
        await using var reopened = await visitor.ConnectAsync();
        var resent = await reopened.SendAsync("And in size 42?", clientId);
        Assert.True(resent.Duplicate);
        Assert.Equal(first.ConversationId, resent.ConversationId);
        Assert.Equal(1, await CountAsync("And in size 42?"));
    }

    private async Task<int> CountAsync(string text)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Messages.CountAsync(m => m.Text == text);
    }

    /// <summary>Hears the hub's database being asked for a client message id: the inbound writer's lookup before it stores.</summary>
    private sealed class WriterReads(string database) : SqlCommandListener(database)
    {
        private volatile string? watched;

        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Watch(string clientMessageId) => watched = clientMessageId;

        protected override void Executed(DbCommand command)
        {
            if (watched is { } id && command.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && s.Contains(id, StringComparison.Ordinal)))
                Seen.TrySetResult();
        }
    }
}
