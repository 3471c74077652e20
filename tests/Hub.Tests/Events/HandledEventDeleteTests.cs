using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>
/// Handled events are deleted after the fact, in batches, by one completer. Until its delete commits, a handled event is
/// still in flight in the running hub: neither the dispatcher (even once its claim has run out) nor a provider's retry
/// handles it a second time, and the retry is answered once the event is gone.
/// </summary>
public sealed class HandledEventDeleteTests : IDisposable
{
    private readonly DeleteGate gate = new();
    private readonly MessagingHub hub;

    public HandledEventDeleteTests() => hub = new MessagingHub
    {
        // The dispatcher runs only when the test calls it.
        Settings = { ["Events:PollInterval"] = "01:00:00" },
        OverrideServices = gate.AddTo,
    };

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task AHandledEventWhoseDeleteIsPending_IsNotHandledAgain_ByTheDispatcherOrAProvidersRetry()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var phone = "+3465" + Random.Shared.Next(1_000_000, 9_999_999);
        var form = Form(phone);
        (await hub.PostTwilioAsync("/webhooks/twilio", form)).EnsureSuccessStatusCode();
        var pushed = await console.Messages.WaitAsync(m => m.Text == form["Body"]);

        // Handled and pushed; its delete is on its way but held up (as behind a slow disk).
        await gate.Waiting;
        var pending = Events(db => db.Set<DomainEvent>().AsNoTracking().Single(e => e.MessageId == pushed.Id));
        // Even a claim that has run out (a handler slower than the lease) is not taken over while it is in flight here.
        Events(db => db.Set<DomainEvent>().Where(e => e.Id == pending.Id).ExecuteUpdate(s => s.SetProperty(e => e.ClaimedUntil, DateTime.UtcNow.AddMinutes(-1))));
        gate.CountReads();
        var dispatcher = hub.Provider.GetRequiredService<EventDispatcher>();
        var pass = dispatcher.PassAsync(null, takeOverEarlierLife: true, CancellationToken.None);
        await gate.ReadAsync(); // the dispatcher looked for claimable events
        var retry = hub.PostTwilioAsync("/webhooks/twilio", form);
        await gate.ReadAsync(); // the retry looked for its conversation's pending events…
        await gate.ReadAsync(); // …and for those this hub holds

        gate.Open();
        Assert.Equal(1, await pass);
        (await retry).EnsureSuccessStatusCode();
        Assert.Equal(0, Events(db => db.Set<DomainEvent>().Count(e => e.Id == pending.Id)));
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));

        // The conversation's next message is pushed after anything earlier of it: the first was pushed exactly once.
        var next = Form(phone);
        (await hub.PostTwilioAsync("/webhooks/twilio", next)).EnsureSuccessStatusCode();
        await console.Messages.WaitAsync(m => m.Text == next["Body"]);
        Assert.Single(console.Messages.Seen, m => m.Id == pushed.Id);
    }

    private static Dictionary<string, string> Form(string phone)
    {
        var form = MessagingHub.WhatsAppText(phone);
        form["Body"] = "Question " + Guid.NewGuid().ToString("N")[..8];
        return form;
    }

    private T Events<T>(Func<OmnichannelDb, T> read)
    {
        using var scope = hub.Provider.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }

    /// <summary>Holds every delete of handled events until the test opens it.</summary>
    private sealed class DeleteGate : DbCommandInterceptor
    {
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first delete is being held.</summary>
        public Task Waiting => waiting.Task;

        public void Open() => open.TrySetResult();

        private readonly SemaphoreSlim reads = new(0);
        private volatile bool counting;

        /// <summary>From now on every completed read of the outbox is counted.</summary>
        public void CountReads() => counting = true;

        /// <summary>Waits for the next counted read of the outbox.</summary>
        public Task ReadAsync() => reads.WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(t => Assert.True(t.Result, "the outbox was not read"), TaskScheduler.Default);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (counting && command.CommandText.Contains("FROM \"DomainEvents\"", StringComparison.Ordinal))
                reads.Release();
            return ValueTask.FromResult(result);
        }

        public void AddTo(IServiceCollection services)
        {
            services.ConfigureDbContext<OmnichannelDb>(options => options.AddInterceptors(this));
            services.ConfigureDbContext<PostgreSqlDb>(options => options.AddInterceptors(this));
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("DELETE FROM \"DomainEvents\"", StringComparison.Ordinal))
            {
                waiting.TrySetResult();
                await open.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }
            return result;
        }
    }
}
