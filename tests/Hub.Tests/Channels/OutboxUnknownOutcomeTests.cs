using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Servers;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>
/// Replies through a fake Twilio that is slow, never answers, or is in the middle of a send when the hub dies:
/// every reply reaches the provider at most once unless the operator chooses to resend, and the status shown is
/// what the provider said.
/// </summary>
public sealed class OutboxUnknownOutcomeTests
{
    private static string NewPhone() => "+3462" + Random.Shared.Next(1_000_000, 9_999_999);

    private static MessagingHub Hub(int maxChecks, Omnichannel.Hub.Storage.StorageProvider? storage = null)
    {
        var hub = new MessagingHub { Storage = storage ?? TestStorage.Provider };
        // The held sends time out on purpose; every other call (lookups, the resend) must not, even on a busy machine.
        hub.Settings["Channels:Twilio:RequestTimeout"] = "00:00:05";
        hub.Settings["Outbox:CheckDelay"] = "00:00:00.100";
        hub.Settings["Outbox:MaxChecks"] = maxChecks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return hub;
    }

    private static async Task<(OperatorSession Op, long Conversation)> InboundAsync(MessagingHub hub, string phone)
    {
        var form = await hub.WhatsAppFromAsync(phone);
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        return (op, (await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"])).Single().ConversationId);
    }

    private static async Task<Message> StoredAsync(MessagingHub hub, long id)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static async Task<Message> WaitForStatusAsync(MessagingHub hub, long id, MessageStatus status)
    {
        Message? last = null;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((last = await StoredAsync(hub, id)).Status != status)
            await Task.Delay(20, cts.Token);
        return last;
    }

    private static int Posts(MessagingHub hub, string text) => hub.Twilio.Calls.Count(c => c.Method == "POST" && c.Form.GetValueOrDefault("Body") == text);

    /// <summary>Holds a POST until the hub stops waiting; then (optionally) creates the message as a slow Twilio does.</summary>
    private static void AnswerTooLate(MessagingHub hub, bool createAnyway) => hub.Twilio.Respond = async call =>
    {
        if (call.Method != "POST")
            return FakeProviders.TwilioAnswer(hub.Twilio, call);
        try
        {
            await Task.Delay(Timeout.Infinite, call.Aborted);
        }
        catch (OperationCanceledException)
        {
        }
        return createAnyway
            ? new ProviderAnswer(201, JsonSerializer.Serialize(FakeProviders.TwilioCreate(hub.Twilio, call.Form)))
            : new ProviderAnswer(500, "{}");
    };

    [Fact]
    public async Task ProviderThatAcceptsAfterTheTimeout_GetsTheReplyOnce_AndTheStatusIsWhatTwilioLists()
    {
        using var hub = Hub(maxChecks: 10_000);
        AnswerTooLate(hub, createAnyway: true);
        var (op, conversation) = await InboundAsync(hub, NewPhone());

        var reply = await op.ReplyAsync(conversation, "Slow but accepted " + Guid.NewGuid());

        var sent = await WaitForStatusAsync(hub, reply.Id, MessageStatus.Sent);
        Assert.Equal(1, Posts(hub, reply.Text));
        var created = Assert.Single(hub.Twilio.Created, m => m["body"] == reply.Text);
        Assert.Equal(created["sid"], sent.ProviderMessageId);
        await using var scope = hub.Provider.CreateAsyncScope();
        Assert.All(await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Outbox.Where(o => o.MessageId == reply.Id).ToListAsync(), o => Assert.Null(o.DueAt));
    }

    [Fact]
    public async Task ProviderThatNeverAnswers_IsNotSentAgain_TheOperatorIsAsked_AndResendsWithOneClick()
    {
        using var hub = Hub(maxChecks: 2);
        AnswerTooLate(hub, createAnyway: false);
        var (op, conversation) = await InboundAsync(hub, NewPhone());
        var reply = await op.ReplyAsync(conversation, "Maybe lost " + Guid.NewGuid());

        var unconfirmed = await WaitForStatusAsync(hub, reply.Id, MessageStatus.Unconfirmed);

        Assert.Equal(1, Posts(hub, reply.Text));
        Assert.StartsWith(OutboxDispatcher.MayNotHaveArrived, unconfirmed.StatusReason);
        // The failure text names the endpoint really used, not the SDK's api.twilio.com.
        Assert.Contains(hub.Twilio.BaseAddress.Authority, unconfirmed.StatusReason);
        Assert.DoesNotContain("api.twilio.com", unconfirmed.StatusReason);
        Assert.Equal(MessageStatus.Unconfirmed, (await op.MessagesAsync(conversation)).Single(m => m.Id == reply.Id).Status);

        hub.Twilio.Respond = call => Task.FromResult(FakeProviders.TwilioAnswer(hub.Twilio, call));
        var resend = await op.Http.PostAsync($"/api/messages/{reply.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        // Twilio answers a send "queued"; since issue 17 that shows as Queued, not Sent.
        await WaitForStatusAsync(hub, reply.Id, MessageStatus.Queued);
        Assert.Equal(2, Posts(hub, reply.Text));
    }

    [Fact]
    public async Task StatusCallbackCarryingOurId_ConfirmsAnUnconfirmedReply()
    {
        using var hub = Hub(maxChecks: 1);
        AnswerTooLate(hub, createAnyway: false);
        var (op, conversation) = await InboundAsync(hub, NewPhone());
        var reply = await op.ReplyAsync(conversation, "Confirmed by callback " + Guid.NewGuid());
        await WaitForStatusAsync(hub, reply.Id, MessageStatus.Unconfirmed);

        var sid = "SM" + Guid.NewGuid().ToString("N");
        var callback = await hub.PostTwilioAsync($"/webhooks/twilio/status?mid={reply.Id}", MessagingHub.Form("Twilio/status-delivered.txt", ("SMREPLACEDBYTEST", sid)));

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var delivered = await StoredAsync(hub, reply.Id);
        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal(sid, delivered.ProviderMessageId);
        Assert.Equal(1, Posts(hub, reply.Text));
    }

    [Theory]
    [InlineData(true, MessageStatus.Sent)]
    [InlineData(false, MessageStatus.Unconfirmed)]
    public async Task ReplyInFlightWhenTheHubDied_IsNeverSentAgainAfterRestart(bool twilioHadIt, MessageStatus expected)
    {
        var shared = Path.Combine(Path.GetTempPath(), "omnichannel-tests", "inflight-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        var database = $"Data Source={Path.Combine(shared, "hub.db")}";
        var phone = NewPhone();
        var text = "In flight at the crash " + Guid.NewGuid();
        long replyId;
        Dictionary<string, string?>? accepted = null;
        // First life: the reply is persisted and marked in flight (what the dispatcher saves just before it calls the
        // provider), and the process dies before the answer is recorded.
        // Two lives of the hub share one SQLite file (the restart is what this test is about, not the provider).
        using (var first = Hub(maxChecks: 1, Omnichannel.Hub.Storage.StorageProvider.Sqlite))
        {
            first.Settings["Storage:ConnectionString"] = database;
            first.OverrideServices = services => services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OutboxDispatcher)));
            var (op, conversation) = await InboundAsync(first, phone);
            replyId = (await op.ReplyAsync(conversation, text)).Id;
            await using var scope = first.Provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Outbox.Where(o => o.MessageId == replyId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.InFlightSince, DateTime.UtcNow));
        }

        using var second = Hub(maxChecks: 1, Omnichannel.Hub.Storage.StorageProvider.Sqlite);
        second.Settings["Storage:ConnectionString"] = database;
        if (twilioHadIt)
            accepted = FakeProviders.TwilioCreate(second.Twilio, new() { ["To"] = "whatsapp:" + phone, ["From"] = "whatsapp:" + MessagingHub.WhatsAppNumber, ["Body"] = text });
        _ = second.BaseAddress;

        var after = await WaitForStatusAsync(second, replyId, expected);

        Assert.Equal(0, Posts(second, text));
        Assert.Contains(second.Twilio.Calls, c => c.Method == "GET");
        if (accepted is not null)
            Assert.Equal(accepted["sid"], after.ProviderMessageId);
        try
        {
            Directory.Delete(shared, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
