using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Tests.Channels;

public sealed class TelegramEndToEndTests(MessagingHub hub) : IClassFixture<MessagingHub>
{
    private static int nextUpdate = 900_000_000;

    private static int nextMessage = 1_000;

    /// <summary>A recorded update with an update_id, a chat and a message id of this test's own (or the ones given,
    /// e.g. an edit of a message sent before in the same chat).</summary>
    public static (string Body, int UpdateId, long ChatId) Update(string file, long? chatId = null, int? messageId = null)
    {
        var id = Interlocked.Increment(ref nextUpdate);
        var chat = chatId ?? Random.Shared.NextInt64(100_000_000, 999_999_999);
        var message = messageId ?? Interlocked.Increment(ref nextMessage);
        var body = MessagingHub.Payload($"Telegram/{file}")
            .Replace("81500000", "X", StringComparison.Ordinal);
        body = System.Text.RegularExpressions.Regex.Replace(body, "\"update_id\":X\\d+", $"\"update_id\":{id}");
        body = System.Text.RegularExpressions.Regex.Replace(body, "\"message_id\":\\d+", $"\"message_id\":{message}")
            .Replace("5550001", chat.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return (body, id, chat);
    }

    /// <summary>The stored provider id of the (first) message an update carries: chat:message_id.</summary>
    public static string Key(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        var message = root.TryGetProperty("message", out var m) ? m : root.GetProperty("edited_message");
        return TelegramMapper.MessageKey(message.GetProperty("chat").GetProperty("id").GetInt64(), message.GetProperty("message_id").GetInt32());
    }

    [Fact]
    public async Task Webhook_ReachesTheOperatorLive_ReplyGoesThroughSendMessage_AndShowsSent()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var console = await op.ConnectConsoleAsync();
        var (body, _, chat) = Update("text.json");

        var response = await hub.PostTelegramAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Telegram && m.Text == "Hello, is the store open on Sunday?");
        var conversation = await console.Conversations.WaitAsync(c => c.Id == live.ConversationId);
        Assert.Equal("Ivan Petrov", conversation.ContactName);
        Assert.Equal(WindowMode.Unlimited, (await hub.WindowAsync(op, live.ConversationId)).Mode);

        var reply = await op.ReplyAsync(live.ConversationId, "Yes, 10:00 to 16:00.");

        var call = await hub.Telegram.WaitAsync(c => c.Path == $"/bot{MessagingHub.BotToken}/sendMessage" && c.Body.Contains(chat.ToString()));
        var sent = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal(chat, sent.GetProperty("chat_id").GetInt64());
        Assert.Equal("Yes, 10:00 to 16:00.", sent.GetProperty("text").GetString());
        // Telegram has no delivery receipts: Sent is the last status.
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task MediaAndEditsAndUnsupported_AreStored_UpdatesWithoutMessagesAreAcknowledged()
    {
        var media = Update("media.json");
        var edited = Update("edited.json");
        var member = Update("member.json");

        foreach (var body in new[] { media.Body, edited.Body, member.Body, Update("unsupported.json").Body, Update("location.json").Body })
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTelegramAsync(body)).StatusCode);

        var photo = Assert.Single(Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Telegram, Key(media.Body))).Attachments);
        Assert.Equal("/media/telegram/AgACAgIAAxkBAAMrLarge", photo.Url);
        // An edit of a message the hub never stored is kept as a message of its own (see TelegramEventTests for the in-place edit).
        Assert.StartsWith("✏️ Edited:", Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Telegram, $"{Key(edited.Body)}#edit{edited.UpdateId}")).Text);
        Assert.Empty(await hub.MessagesWithProviderIdAsync(ChannelKind.Telegram, member.UpdateId.ToString()));
    }

    [Fact]
    public async Task SameUpdateThreeTimes_IsOneMessage()
    {
        var (body, _, _) = Update("text.json");

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => hub.PostTelegramAsync(body)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Telegram, Key(body)));
    }

    [Fact]
    public async Task WrongOrMissingSecretToken_Is401_AndNothingIsStored()
    {
        var (body, _, _) = Update("text.json");

        var wrong = await hub.PostTelegramAsync(body, "not-the-secret");
        var missing = await hub.PostTelegramAsync(body, secret: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(await hub.MessagesWithProviderIdAsync(ChannelKind.Telegram, Key(body)));
    }

    [Fact]
    public async Task MalformedBodies_Are400_Never500()
    {
        var answers = new[] { await hub.PostTelegramAsync("{oops"), await hub.PostTelegramAsync("{}"), await hub.PostTelegramAsync("""{"update_id":"x"}""") };

        Assert.All(answers, r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
    }

    [Fact]
    public async Task Provider500_IsRetried_ThenSent_AndA400FailsWithTheReason()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var console = await op.ConnectConsoleAsync();
        (await hub.PostTelegramAsync(Update("text.json").Body)).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Telegram && m.Direction == MessageDirection.Inbound);

        hub.Telegram.FailNext(500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""", times: 2);
        var retried = await op.ReplyAsync(live.ConversationId, "Retry " + Guid.NewGuid());
        await console.Statuses.WaitAsync(s => s.MessageId == retried.Id && s.Status == MessageStatus.Sent);
        Assert.Equal(3, hub.Telegram.Calls.Count(c => c.Body.Contains(retried.Text)));

        hub.Telegram.FailNext(400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""");
        var refused = await op.ReplyAsync(live.ConversationId, "Refused " + Guid.NewGuid());
        var failed = await console.Statuses.WaitAsync(s => s.MessageId == refused.Id && s.Status == MessageStatus.Failed);
        Assert.Equal("Telegram refused the message: Bad Request: chat not found", failed.Reason);
    }
}

/// <summary>Long polling: no public URL needed; the offset survives restarts in the channel cursor store.</summary>
public sealed class TelegramPollingTests : IAsyncLifetime
{
    private readonly MessagingHub hub = new();

    public Task InitializeAsync()
    {
        hub.Settings["Channels:Telegram:Mode"] = "Polling";
        hub.Settings["Channels:Telegram:PollingTimeoutSeconds"] = "0";
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        hub.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PolledUpdates_ReachTheOperator_AndTheOffsetIsPersisted()
    {
        var (body, id, _) = TelegramEndToEndTests.Update("text.json");
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Poll"));
        await using var console = await op.ConnectConsoleAsync();
        hub.Telegram.Updates.Enqueue((id, body));

        await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Telegram && m.Text == "Hello, is the store open on Sunday?");
        await hub.Telegram.WaitAsync(c => c.Path.EndsWith("/getUpdates", StringComparison.Ordinal) && c.Body.Contains($"\"offset\":{id + 1}"));

        Assert.Contains(hub.Telegram.Calls, c => c.Path.EndsWith("/deleteWebhook", StringComparison.Ordinal));
        var cursors = hub.Provider.GetRequiredService<IChannelCursorStore>();
        Assert.Equal((id + 1).ToString(), await cursors.GetAsync(TelegramPoller.OffsetKey, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.PostTelegramAsync(body)).StatusCode);
    }
}
