using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>
/// Handled events wait for their delete up to <see cref="EventsOptions.DeleteWindow"/> (on the hub's clock), so one
/// delete covers every event handled meanwhile; whoever waits for a delete (a provider's retry) does not wait for the window.
/// </summary>
public sealed class DeferredEventDeleteTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly DeleteCounter deletes = new();
    private readonly MessagingHub hub;

    public DeferredEventDeleteTests() => hub = new MessagingHub
    {
        Time = time,
        Settings = { ["Events:PollInterval"] = "01:00:00", ["Events:DeleteWindow"] = Window.ToString() },
        OverrideServices = deletes.AddTo,
    };

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task MessagesHandledWithinTheWindow_AreRemovedFromTheOutbox_ByOneDelete_OnceTheWindowHasPassed()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var forms = Enumerable.Range(0, 3).Select(_ => Form(NewPhone())).ToList();
        foreach (var form in forms)
        {
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio", form)).StatusCode);
            await console.Messages.WaitAsync(m => m.Text == form["Body"]);
        }

        // Handled and pushed; the clock has not moved, so their events are still waiting for the delete.
        Assert.Equal(3, OutboxCount());
        Assert.Equal(0, deletes.Count);

        await Eventually.TrueAsync(() =>
        {
            time.Advance(Window);
            return OutboxCount() == 0;
        }, "the window passed and the handled events were deleted");
        Assert.Equal(1, deletes.Count);
    }

    [Fact]
    public async Task AProvidersRetry_OfAMessageWhoseDeleteWaits_IsAnsweredWithoutWaitingForTheWindow()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var console = await op.ConnectConsoleAsync();
        var form = Form(NewPhone());
        Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio", form)).StatusCode);
        var pushed = await console.Messages.WaitAsync(m => m.Text == form["Body"]);
        Assert.Equal(1, OutboxCount());

        // The clock never moves: the retry is answered because it has the pending delete run now.
        Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio", form)).StatusCode);
        Assert.Equal(0, OutboxCount());
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));
        Assert.Single(console.Messages.Seen, m => m.Id == pushed.Id);
    }

    [Fact]
    public async Task WhenTheHostStops_TheHandledEventsWaitingForTheWindow_AreDeletedBeforeItsServicesGo()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Cy"));
        await using var console = await op.ConnectConsoleAsync();
        var form = Form(NewPhone());
        Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio", form)).StatusCode);
        await console.Messages.WaitAsync(m => m.Text == form["Body"]);
        Assert.Equal(1, OutboxCount());

        // What the host does once its hosted services (web server, dispatcher) have stopped, before it disposes its
        // services: the clock never moves, so only the stop can have deleted the event.
        ((ApplicationLifetime)hub.Provider.GetRequiredService<IHostApplicationLifetime>()).NotifyStopped();

        Assert.Equal(0, OutboxCount());
        Assert.Equal(1, deletes.Count);
    }

    private static string NewPhone() => "+3466" + Random.Shared.Next(1_000_000, 9_999_999);

    private static Dictionary<string, string> Form(string phone)
    {
        var form = MessagingHub.WhatsAppText(phone);
        form["Body"] = "Question " + Guid.NewGuid().ToString("N")[..8];
        return form;
    }

    private int OutboxCount()
    {
        using var scope = hub.Provider.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Set<DomainEvent>().Count();
    }

    /// <summary>Counts the deletes of handled events the hub runs.</summary>
    private sealed class DeleteCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void AddTo(IServiceCollection services)
        {
            services.ConfigureDbContext<OmnichannelDb>(options => options.AddInterceptors(this));
            services.ConfigureDbContext<PostgreSqlDb>(options => options.AddInterceptors(this));
        }

        /// <summary>Counted before it runs: once its rows are gone the test may look at the count.</summary>
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("DELETE FROM \"DomainEvents\"", StringComparison.Ordinal))
                Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }
    }
}
