using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

public sealed class MessengerEndToEndTests(MessagingHub hub) : IClassFixture<MessagingHub>
{
    private static string NewPsid() => "70" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    /// <summary>A recorded payload from a PSID and with message ids of this test's own.</summary>
    private static string Payload(string file, string psid, string? mid = null, string? sentMid = null) =>
        MessagingHub.Payload($"Messenger/{file}")
            .Replace("7010000000000001", psid, StringComparison.Ordinal)
            .Replace("m_text_AbCdEf0123456789", mid ?? "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("m_REPLACEDBYTEST", sentMid ?? "none", StringComparison.Ordinal);

    private async Task<(OperatorSession Op, ConsoleListener Console, MessageDto Live)> ConversationAsync(string name, string psid)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync(name));
        var console = await op.ConnectConsoleAsync();
        (await hub.PostMessengerAsync(Payload("text.json", psid))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Messenger && m.Direction == MessageDirection.Inbound);
        return (op, console, live);
    }

    [Fact]
    public async Task Verification_EchoesTheChallenge_OnlyForOurVerifyToken()
    {
        var ok = await hub.Http().GetAsync($"/webhooks/messenger?hub.mode=subscribe&hub.verify_token={MessagingHub.VerifyToken}&hub.challenge=1158201444");
        var wrong = await hub.Http().GetAsync("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task Inbound_ReachesTheOperatorLive_WithTheProfileName_ReplyGoesThroughTheSendApi_DeliveryAndReadShow()
    {
        var psid = NewPsid();
        var (op, console, live) = await ConversationAsync("Ada", psid);
        await using var _ = console;
        Assert.Equal("Hi! Where is my parcel?", live.Text);
        var conversation = await console.Conversations.WaitAsync(c => c.Id == live.ConversationId);
        Assert.Equal("Lena Schmidt", conversation.ContactName);
        Assert.Equal(psid, conversation.ContactHandle);

        var reply = await op.ReplyAsync(live.ConversationId, "Your parcel left our warehouse today.");

        var call = await hub.Graph.WaitAsync(c => c.Method == "POST" && c.Body.Contains(psid));
        Assert.Equal("/v21.0/me/messages", call.Path);
        Assert.Equal($"Bearer {MessagingHub.PageToken}", call.Headers["Authorization"]);
        var sent = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("RESPONSE", sent.GetProperty("messaging_type").GetString());
        Assert.Equal("Your parcel left our warehouse today.", sent.GetProperty("message").GetProperty("text").GetString());
        Assert.False(sent.TryGetProperty("tag", out var _));
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        var mid = await MidOf(reply.Id);
        Assert.StartsWith("m_sent_", mid);

        (await hub.PostMessengerAsync(Payload("echo.json", psid, sentMid: mid))).EnsureSuccessStatusCode();
        (await hub.PostMessengerAsync(Payload("delivery.json", psid, sentMid: mid))).EnsureSuccessStatusCode();
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);
        (await hub.PostMessengerAsync(Payload("read.json", psid))).EnsureSuccessStatusCode();
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Read);
    }

    private async Task<string> MidOf(long messageId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.OmnichannelDb>();
        return (await db.Messages.FindAsync(messageId))!.ProviderMessageId!;
    }

    [Fact]
    public async Task EveryEventKind_IsAccepted_AndStoredAsItShouldBe()
    {
        var psid = NewPsid();
        foreach (var file in new[] { "media.json", "location.json", "quick-reply.json", "edited.json", "unsupported.json" })
            Assert.Equal(HttpStatusCode.OK, (await hub.PostMessengerAsync(Payload(file, psid))).StatusCode);

        Assert.Equal(2, Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, "m_media_AbCdEf0123456789")).Attachments.Count);
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, "m_location_AbCdEf0123456789"));
        Assert.Equal("Yes, please", Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, "m_quick_AbCdEf0123456789")).Text);
    }

    [Fact]
    public async Task SameWebhookThreeTimes_IsOneMessage()
    {
        var mid = "m_" + Guid.NewGuid().ToString("N");
        var body = Payload("text.json", NewPsid(), mid);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => hub.PostMessengerAsync(body)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, mid));
    }

    [Fact]
    public async Task WrongMissingOrReplayedSignatures_Are403_AndNothingIsStored()
    {
        var mid = "m_" + Guid.NewGuid().ToString("N");
        var body = Payload("text.json", NewPsid(), mid);
        var signature = Adapters.Messenger.MessengerMapper.Sign(System.Text.Encoding.UTF8.GetBytes(body), MessagingHub.AppSecret);

        var wrong = await hub.PostMessengerAsync(body, signature: "sha256=" + new string('0', 64));
        var missing = await hub.PostMessengerAsync(body, sign: false);
        var changed = await hub.PostMessengerAsync(body.Replace("parcel", "refund"), signature: signature);

        Assert.All([wrong, missing, changed], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Empty(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, mid));
    }

    [Fact]
    public async Task MalformedSignedBodies_Are400_Never500()
    {
        var notJson = await hub.PostMessengerAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BatchWithUnusableEvents_KeepsItsGoodEvents_AndIsAcknowledged()
    {
        // Changed by issue 16: one bad event (no mid, timestamp out of range) no longer refuses the whole batch.
        var psid = NewPsid();
        var mid = "m_" + Guid.NewGuid().ToString("N");
        var body = $$$"""
            {"object":"page","entry":[{"messaging":[
              {"sender":{"id":"1"},"message":{"text":"no mid"}},
              {"sender":{"id":"{{{psid}}}"},"timestamp":99999999999999999,"message":{"mid":"m_far","text":"x"}},
              {"sender":{"id":"{{{psid}}}"},"read":{"watermark":-99999999999999999}},
              {"sender":{"id":"{{{psid}}}"},"recipient":{"id":"PAGE"},"timestamp":1764000000000,"message":{"mid":"{{{mid}}}","text":"still here"}}
            ]}]}
            """;

        var response = await hub.PostMessengerAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("still here", Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, mid)).Text);
    }

    [Fact]
    public async Task After24Hours_TheReplyUsesTheHumanAgentTag_AndTheConsoleIsToldBeforehand()
    {
        var psid = NewPsid();
        var (op, console, live) = await ConversationAsync("Bo", psid);
        await using var _ = console;
        await hub.SetLastInboundAsync(live.ConversationId, DateTime.UtcNow.AddDays(-3));
        Assert.Equal(WindowMode.HumanAgentTag, (await hub.WindowAsync(op, live.ConversationId)).Mode);

        var reply = await op.ReplyAsync(live.ConversationId, "Sorry for the wait.");

        var call = await hub.Graph.WaitAsync(c => c.Method == "POST" && c.Body.Contains(psid));
        var sent = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("MESSAGE_TAG", sent.GetProperty("messaging_type").GetString());
        Assert.Equal("HUMAN_AGENT", sent.GetProperty("tag").GetString());
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task ExpiredToken_FailsTheReplyWithGraphsReason_AndMarksTheChannelUnhealthy()
    {
        var (op, console, live) = await ConversationAsync("Cy", NewPsid());
        await using var _ = console;
        hub.Graph.FailNext(400, """{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"A1"}}""");

        var reply = await op.ReplyAsync(live.ConversationId, "Hello?");

        var failed = await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed);
        Assert.Equal("Messenger refused the message: Error validating access token: Session has expired. (code 190)", failed.Reason);
        var messenger = (await op.Http.GetFromJsonAsync<List<ChannelState>>("/api/channels", TestJson.Options))!.Single(c => c.Channel == ChannelKind.Messenger);
        Assert.False(messenger.Healthy);
        Assert.Contains("Session has expired", messenger.Reason);
    }

    [Fact]
    public async Task Provider500_IsRetried_ThenSent()
    {
        var (op, console, live) = await ConversationAsync("Di", NewPsid());
        await using var _ = console;
        hub.Graph.FailNext(500, """{"error":{"message":"An unexpected error has occurred.","code":2}}""", times: 2);

        var reply = await op.ReplyAsync(live.ConversationId, "Retry " + Guid.NewGuid());

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        Assert.Equal(3, hub.Graph.Calls.Count(c => c.Body.Contains(reply.Text)));
    }

    [Fact]
    public async Task WithoutAPublicAddress_AFileIsUploadedWithTheMessage_AsFiledata_ByteForByte()
    {
        var psid = NewPsid();
        var (op, console, live) = await ConversationAsync("Uma", psid);
        await using var _ = console;
        var pdf = AttachmentTests.Pdf();

        var reply = await AttachmentTests.ReplyWithAsync(op, live.ConversationId, "", await AttachmentTests.AttachAsync(op, live.ConversationId, pdf, "invoice.pdf", "application/pdf"));

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        var call = await hub.Graph.WaitAsync(c => c.Method == "POST" && c.Headers.GetValueOrDefault("Content-Type", "").StartsWith("multipart/", StringComparison.Ordinal) && c.Body.Contains(psid));
        var (name, bytes) = (await call.FilesAsync())["filedata"];
        Assert.Equal("invoice.pdf", name);
        Assert.Equal(pdf, bytes);
        Assert.Contains("\"type\":\"file\"", call.Body);
        Assert.DoesNotContain(hub.Graph.Calls, c => c.Body.Contains(psid) && c.Body.Contains("\"text\":\"\""));
    }
}
