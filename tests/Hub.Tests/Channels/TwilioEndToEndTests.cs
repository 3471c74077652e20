using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

public sealed class TwilioEndToEndTests(MessagingHub hub) : IClassFixture<MessagingHub>
{
    private static string NewPhone() => "+3460" + Random.Shared.Next(1_000_000, 9_999_999);
    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>The recorded WhatsApp text, from a number and with a MessageSid of this test's own.</summary>
    private static Dictionary<string, string> WhatsApp(string payload, string phone, string? sid = null) =>
        MessagingHub.Form($"Twilio/{payload}", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')),
            ("SM1f0e8ae6ade43cb3c0ce4525424e404f", sid ?? NewSid()), ("MM2c3b6d1e9f0a4b5c6d7e8f9a0b1c2d3e", sid ?? NewSid()));

    private async Task<(OperatorSession Op, ConsoleListener Console)> OperatorAsync(string name)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync(name));
        return (op, await op.ConnectConsoleAsync());
    }

    [Fact]
    public async Task WhatsApp_InboundReachesTheOperatorLive_ReplyGoesThroughTwilio_StatusCallbacksShowDeliveredAndRead()
    {
        var (op, console) = await OperatorAsync("Ada");
        await using var _ = console;
        var phone = NewPhone();
        var sid = NewSid();

        var response = await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-text.txt", phone, sid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Response/>", await response.Content.ReadAsStringAsync());
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.WhatsApp && m.Text == "Hola, ¿tenéis la talla M?");
        var conversation = await console.Conversations.WaitAsync(c => c.Id == live.ConversationId);
        Assert.Equal("María López", conversation.ContactName);
        Assert.Equal("whatsapp:" + phone, conversation.ContactHandle);
        Assert.Equal(WindowMode.Open, (await hub.WindowAsync(op, live.ConversationId)).Mode);

        var reply = await op.ReplyAsync(live.ConversationId, "Sí, la tenemos.");

        var call = await hub.Twilio.WaitAsync(c => c.Form.GetValueOrDefault("Body") == "Sí, la tenemos.");
        Assert.Equal($"/2010-04-01/Accounts/{MessagingHub.AccountSid}/Messages.json", call.Path);
        Assert.Equal("whatsapp:" + phone, call.Form["To"]);
        Assert.Equal("whatsapp:" + MessagingHub.WhatsAppNumber, call.Form["From"]);
        Assert.StartsWith("Basic ", call.Headers["Authorization"]);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
        var providerSid = (await hub.Provider.CreateAsyncScope().ServiceProvider.GetRequiredService<OmnichannelDb>().Messages.FindAsync(reply.Id))!.ProviderMessageId!;
        // Twilio answered "queued": not sent yet, until its status callback says so.
        await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-sent.txt", ("SMREPLACEDBYTEST", providerSid)));
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);

        var delivered = await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-delivered.txt", ("SMREPLACEDBYTEST", providerSid)));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);
        await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-read.txt", ("SMREPLACEDBYTEST", providerSid)));
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Read);
        // Callbacks arrive out of order: a late "delivered" or "undelivered" never moves a read message back.
        await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-delivered.txt", ("SMREPLACEDBYTEST", providerSid)));
        await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-undelivered.txt", ("SMREPLACEDBYTEST", providerSid)));
        Assert.Equal(MessageStatus.Read, (await op.MessagesAsync(live.ConversationId)).Single(m => m.Id == reply.Id).Status);
    }

    [Fact]
    public async Task Media_AreAttachmentsWithTheirContentType()
    {
        var sid = NewSid();
        (await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-media.txt", NewPhone(), sid))).EnsureSuccessStatusCode();

        var stored = Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, sid));
        Assert.Equal("image/jpeg", Assert.Single(stored.Attachments).ContentType);
    }

    [Fact]
    public async Task SameWebhookThreeTimes_IsOneMessage()
    {
        var form = WhatsApp("whatsapp-text.txt", NewPhone());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => hub.PostTwilioAsync("/webhooks/twilio", form)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));
    }

    [Fact]
    public async Task WrongMissingOrReplayedSignatures_Are403_AndNothingIsStored()
    {
        var form = WhatsApp("whatsapp-text.txt", NewPhone());
        var url = new Uri(hub.BaseAddress, "/webhooks/twilio").ToString();
        var replayed = new Dictionary<string, string>(form) { ["Body"] = "Send the refund to my other account" };

        var wrong = await hub.PostTwilioAsync("/webhooks/twilio", form, signature: "bm90IHRoZSBzaWduYXR1cmU=");
        var missing = await hub.PostTwilioAsync("/webhooks/twilio", form, tweak: r => r.Headers.Remove("X-Twilio-Signature"));
        var changed = await hub.PostTwilioAsync("/webhooks/twilio", replayed, signature: MessagingHub.TwilioSignature(url, form));
        var otherUrl = await hub.PostTwilioAsync("/webhooks/twilio", form, signedUrl: "https://evil.example.com/webhooks/twilio");
        var status = await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-delivered.txt"), signature: "bm9wZQ==");

        Assert.All([wrong, missing, changed, otherUrl, status], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Empty(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, form["MessageSid"]));
        // Several failures in a row: the channel shows the problem in /healthz; a good request clears it.
        var health = await hub.HealthAsync();
        Assert.False(health.GetProperty("checks").GetProperty("channels").GetProperty("data").GetProperty("WhatsApp").GetProperty("healthy").GetBoolean());
        (await hub.PostTwilioAsync("/webhooks/twilio", form)).EnsureSuccessStatusCode();
        health = await hub.HealthAsync();
        Assert.True(health.GetProperty("checks").GetProperty("channels").GetProperty("data").GetProperty("WhatsApp").GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task BehindAProxy_TheForwardedPublicUrlIsWhatIsSigned()
    {
        var form = WhatsApp("whatsapp-text.txt", NewPhone());

        var response = await hub.PostTwilioAsync("/webhooks/twilio", form, signedUrl: "https://hub.example.com/webhooks/twilio", tweak: r =>
        {
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("X-Forwarded-Host", "hub.example.com");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MalformedBodies_Are400ProblemDetails_Never500()
    {
        var noSid = WhatsApp("whatsapp-text.txt", NewPhone());
        noSid.Remove("MessageSid");
        noSid.Remove("SmsMessageSid");
        noSid.Remove("SmsSid");

        var missingField = await hub.PostTwilioAsync("/webhooks/twilio", noSid);
        var json = await hub.Http().PostAsync("/webhooks/twilio", JsonContent.Create(new { MessageSid = "SM1" }));
        var badStatus = await hub.PostTwilioAsync("/webhooks/twilio/status", new Dictionary<string, string> { ["MessageSid"] = "SM1" });

        Assert.All([missingField, json, badStatus], r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
    }

    [Fact]
    public async Task SamePhoneOnSmsAndWhatsApp_IsOneContactWithTwoIdentities()
    {
        var phone = NewPhone();
        (await hub.PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", phone), ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", NewSid())))).EnsureSuccessStatusCode();
        (await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-text.txt", phone))).EnsureSuccessStatusCode();

        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversations = await db.Conversations.Include(c => c.Contact).ThenInclude(c => c!.Identities)
            .Where(c => c.ContactHandle == phone || c.ContactHandle == "whatsapp:" + phone).ToListAsync();
        Assert.Equal(2, conversations.Count);
        var contact = Assert.Single(conversations.Select(c => c.ContactId).Distinct());
        var identities = conversations[0].Contact!.Identities.Select(i => (i.Channel, i.Handle)).OrderBy(i => i.Channel).ToList();
        Assert.Equal([(ChannelKind.WhatsApp, "whatsapp:" + phone), (ChannelKind.Sms, phone)], identities);
        Assert.Equal("María López", conversations[0].Contact!.DisplayName);
    }

    [Fact]
    public async Task SmsReply_ComesFromTheSmsNumber()
    {
        var (op, console) = await OperatorAsync("Sam");
        await using var _ = console;
        var phone = NewPhone();
        (await hub.PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", phone), ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", NewSid())))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Sms && m.Text == "Is my order shipped?");

        var reply = await op.ReplyAsync(live.ConversationId, "Yes, yesterday.");

        var call = await hub.Twilio.WaitAsync(c => c.Form.GetValueOrDefault("Body") == "Yes, yesterday.");
        Assert.Equal(phone, call.Form["To"]);
        Assert.Equal(MessagingHub.SmsNumber, call.Form["From"]);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
    }

    [Fact]
    public async Task Provider500_IsRetried_ThenSent()
    {
        var (op, console) = await OperatorAsync("Rita");
        await using var _ = console;
        (await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-text.txt", NewPhone()))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.WhatsApp && m.Direction == MessageDirection.Inbound);
        hub.Twilio.FailNext(500, """{"code":20500,"message":"Internal Server Error","status":500}""", times: 2);

        var reply = await op.ReplyAsync(live.ConversationId, "Retry me " + Guid.NewGuid());

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
        Assert.Equal(3, hub.Twilio.Calls.Count(c => c.Form.GetValueOrDefault("Body") == reply.Text));
    }

    [Fact]
    public async Task Provider400_FailsTheMessageWithTwiliosReason_AndTheOperatorCanRetry()
    {
        var (op, console) = await OperatorAsync("Ugo");
        await using var _ = console;
        (await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-text.txt", NewPhone()))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.WhatsApp && m.Direction == MessageDirection.Inbound);
        hub.Twilio.FailNext(400, """{"code":21211,"message":"Invalid 'To' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""");

        var reply = await op.ReplyAsync(live.ConversationId, "Refused " + Guid.NewGuid());

        var failed = await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed);
        Assert.Equal("Twilio refused the message: Invalid 'To' Phone Number (error 21211)", failed.Reason);
        (await op.Http.PostAsync($"/api/messages/{reply.Id}/retry", null)).EnsureSuccessStatusCode();
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
    }

    [Fact]
    public async Task OutsideThe24HourWindow_WithoutTemplate_TheConsoleIsToldBeforehand_AndTheReplyFailsWithTheReason()
    {
        var (op, console) = await OperatorAsync("Vic");
        await using var _ = console;
        (await hub.PostTwilioAsync("/webhooks/twilio", WhatsApp("whatsapp-text.txt", NewPhone()))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.WhatsApp && m.Direction == MessageDirection.Inbound);
        await hub.SetLastInboundAsync(live.ConversationId, DateTime.UtcNow.AddHours(-30));

        var window = await hub.WindowAsync(op, live.ConversationId);
        Assert.Equal(WindowMode.Closed, window.Mode);
        Assert.False(window.CanReply);
        Assert.Contains("24-hour WhatsApp window is closed", window.Notice);

        var reply = await op.ReplyAsync(live.ConversationId, "Too late " + Guid.NewGuid());

        var failed = await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed);
        Assert.Contains("24-hour WhatsApp window is closed", failed.Reason);
        Assert.DoesNotContain(hub.Twilio.Calls, c => c.Form.GetValueOrDefault("Body") == reply.Text);
    }

    [Fact]
    public async Task Provider401_MarksTheChannelUnhealthy_WithTheReason()
    {
        var (op, console) = await OperatorAsync("Wes");
        await using var _ = console;
        (await hub.PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", NewPhone()), ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", NewSid())))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Sms && m.Direction == MessageDirection.Inbound);
        hub.Twilio.FailNext(401, """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");

        var reply = await op.ReplyAsync(live.ConversationId, "Auth " + Guid.NewGuid());

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed);
        var channels = await op.Http.GetFromJsonAsync<List<ChannelState>>("/api/channels", TestJson.Options);
        var sms = channels!.Single(c => c.Channel == ChannelKind.Sms);
        Assert.False(sms.Healthy);
        Assert.Contains("Authenticate", sms.Reason);
        var health = await hub.HealthAsync();
        Assert.Contains("Sms", health.GetProperty("checks").GetProperty("channels").GetProperty("description").GetString());

        (await op.Http.PostAsync($"/api/messages/{reply.Id}/retry", null)).EnsureSuccessStatusCode();
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
        Assert.True((await op.Http.GetFromJsonAsync<List<ChannelState>>("/api/channels", TestJson.Options))!.Single(c => c.Channel == ChannelKind.Sms).Healthy);
    }
}
