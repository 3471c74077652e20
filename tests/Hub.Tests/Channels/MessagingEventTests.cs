using System.Net;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>Messenger and Twilio event kinds from recorded payloads: what is stored, offered and timed.</summary>
public sealed class MessagingEventTests(ChannelEventsHub hub) : IClassFixture<ChannelEventsHub>
{
    private static string NewPsid() => "70" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
    private static string NewPhone() => "+3461" + Random.Shared.Next(1_000_000, 9_999_999);

    private static string Messenger(string file, string psid, string textMid, string? otherMid = null) =>
        MessagingHub.Payload($"Messenger/{file}")
            .Replace("7010000000000001", psid, StringComparison.Ordinal)
            .Replace("m_text_AbCdEf0123456789", textMid, StringComparison.Ordinal)
            .Replace("m_sticker_AbCdEf0123456789", otherMid ?? "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("m_postback_AbCdEf0123456789", otherMid ?? "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("m_fallback_AbCdEf0123456789", otherMid ?? "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("m_sent_reply_0123456789", otherMid ?? "none", StringComparison.Ordinal);

    private static Dictionary<string, string> Twilio(string file, string phone) =>
        MessagingHub.Form($"Twilio/{file}", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')),
            ("SM7a8b9c0d1e2f30415263748596a7b8c9", "SM" + Guid.NewGuid().ToString("N")), ("SM8b9c0d1e2f3041526374859600a1b2c3", "SM" + Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task MessengerEdit_ChangesTheMessageInPlace_WithoutANewClock()
    {
        var psid = NewPsid();
        var mid = "m_" + Guid.NewGuid().ToString("N");
        (await hub.PostMessengerAsync(Messenger("text.json", psid, mid))).EnsureSuccessStatusCode();
        var before = (await hub.ConversationOfAsync(ChannelKind.Messenger, psid))!;

        (await hub.PostMessengerAsync(Messenger("edited.json", psid, mid))).EnsureSuccessStatusCode();

        var shown = await hub.Console.Updated.WaitAsync(m => m.ConversationId == before.Id);
        Assert.Equal("Hi! Where is my parcel #4411?", shown.Text);
        Assert.Equal("Hi! Where is my parcel #4411?", Assert.Single(await hub.MessagesOfAsync(before.Id)).Text);
        var after = (await hub.ConversationOfAsync(ChannelKind.Messenger, psid))!;
        Assert.Equal((before.SlaStartedAt, before.SlaDueAt), (after.SlaStartedAt, after.SlaDueAt));
    }

    [Fact]
    public async Task MessengerSticker_IsOneImage_AndPostbackKeepsItsPayload()
    {
        var psid = NewPsid();

        (await hub.PostMessengerAsync(Messenger("sticker.json", psid, "unused"))).EnsureSuccessStatusCode();
        (await hub.PostMessengerAsync(Messenger("postback.json", psid, "unused"))).EnsureSuccessStatusCode();

        var conversation = (await hub.ConversationOfAsync(ChannelKind.Messenger, psid))!;
        var messages = await hub.MessagesOfAsync(conversation.Id);
        Assert.Single(messages[0].Attachments);
        Assert.Equal("[Sticker]", messages[0].Text);
        Assert.Equal("Track my order", messages[1].Text);
        Assert.Equal("TRACK_ORDER", messages[1].Metadata[MetadataKeys.Payload]);
        Assert.Equal("campaign-black-friday", messages[1].Metadata[MetadataKeys.StartParameter]);
        await hub.Console.Offers.WaitAsync(o => o.ConversationId == conversation.Id);
    }

    [Fact]
    public async Task MessengerReaction_ToOurReply_IsShownOnIt()
    {
        var psid = NewPsid();
        (await hub.PostMessengerAsync(Messenger("text.json", psid, "m_" + Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();
        var conversation = (await hub.ConversationOfAsync(ChannelKind.Messenger, psid))!;
        var reply = await hub.Operator.ReplyAsync(conversation.Id, "It left our warehouse today.");
        await hub.Console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        var sentMid = (await hub.MessagesOfAsync(conversation.Id)).Single(m => m.Id == reply.Id).ProviderMessageId!;

        (await hub.PostMessengerAsync(Messenger("reaction.json", psid, "unused", sentMid))).EnsureSuccessStatusCode();
        await hub.Console.Updated.WaitAsync(m => m.Id == reply.Id && m.Reaction == "❤️");
        (await hub.PostMessengerAsync(Messenger("unreact.json", psid, "unused", sentMid))).EnsureSuccessStatusCode();
        await hub.Console.Updated.WaitAsync(m => m.Id == reply.Id && m.Reaction == null);

        Assert.Null((await hub.MessagesOfAsync(conversation.Id)).Single(m => m.Id == reply.Id).Reaction);
    }

    [Fact]
    public async Task EmptySms_IsAnEmptyMessageFromACustomer_WithAClock()
    {
        var phone = NewPhone();

        Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio", Twilio("sms-empty.txt", phone))).StatusCode);

        var conversation = (await hub.ConversationOfAsync(ChannelKind.Sms, phone))!;
        Assert.Equal("(empty message)", Assert.Single(await hub.MessagesOfAsync(conversation.Id)).Text);
        Assert.NotNull(conversation.SlaDueAt);
    }

    [Fact]
    public async Task WhatsAppButton_IsItsText_WithThePayloadForTheOperator()
    {
        var phone = NewPhone();

        (await hub.PostTwilioAsync("/webhooks/twilio", Twilio("whatsapp-button.txt", phone))).EnsureSuccessStatusCode();

        var conversation = (await hub.ConversationOfAsync(ChannelKind.WhatsApp, "whatsapp:" + phone))!;
        var shown = Assert.Single(await hub.Operator.MessagesAsync(conversation.Id));
        Assert.Equal("Yes, reschedule", shown.Text);
        Assert.Equal("RESCHEDULE_ORDER_4711", shown.Metadata![MetadataKeys.Payload]);
    }

    [Fact]
    public async Task TwilioQueued_IsNotSent_AndStatusesOutOfOrderEndAtTheFurthest()
    {
        var phone = NewPhone();
        (await hub.PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", phone), ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", "SM" + Guid.NewGuid().ToString("N"))))).EnsureSuccessStatusCode();
        var conversation = (await hub.ConversationOfAsync(ChannelKind.Sms, phone))!;

        var reply = await hub.Operator.ReplyAsync(conversation.Id, "Shipped yesterday " + Guid.NewGuid());

        var queued = await hub.Console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Queued);
        Assert.Contains("not sent yet", queued.Reason);
        var sid = (await hub.MessagesOfAsync(conversation.Id)).Single(m => m.Id == reply.Id).ProviderMessageId!;
        foreach (var status in new[] { "status-delivered.txt", "status-sent.txt", "status-queued.txt", "status-accepted.txt" })
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form($"Twilio/{status}", ("SMREPLACEDBYTEST", sid)))).StatusCode);
        await hub.Console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Delivered);
        Assert.Equal(MessageStatus.Delivered, (await hub.Operator.MessagesAsync(conversation.Id)).Single(m => m.Id == reply.Id).Status);
    }
}
