using System.Text;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Messenger;

namespace Omnichannel.Adapters.Tests;

public sealed class MessengerMapperTests
{
    private static IReadOnlyList<MessengerEvent> Events(string file)
    {
        var (events, error) = MessengerMapper.Parse(Payloads.Bytes($"Messenger/{file}"));
        Assert.Null(error);
        return events;
    }

    private static InboundMessage Inbound(string file) => Assert.IsType<MessengerInbound>(Assert.Single(Events(file))).Message;

    [Fact]
    public void Text_IsAMessengerMessageFromThePsid()
    {
        var message = Inbound("text.json");

        Assert.Equal(ChannelKind.Messenger, message.Channel);
        Assert.Equal("7010000000000001", message.ContactHandle);
        Assert.Equal("m_text_AbCdEf0123456789", message.ProviderMessageId);
        Assert.Equal("Hi! Where is my parcel?", message.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000000).UtcDateTime, message.ReceivedAt);
    }

    [Fact]
    public void Media_BecomeAttachments()
    {
        var message = Inbound("media.json");

        Assert.Equal(["image/*", "application/octet-stream"], message.Attachments.Select(a => a.ContentType));
        Assert.StartsWith("https://scontent.xx.fbcdn.net/", message.Attachments[0].Url);
    }

    [Fact]
    public void Location_IsReadableText_AndAMapLink()
    {
        var message = Inbound("location.json");

        Assert.Equal("📍 Location: Home (52.52, 13.405)", message.Text);
        Assert.Single(message.Attachments);
    }

    [Fact]
    public void QuickReply_IsItsText_WithThePayloadAsMetadata()
    {
        var message = Inbound("quick-reply.json");

        Assert.Equal("Yes, please", message.Text);
        Assert.Equal("CONFIRM_YES", message.Metadata[MetadataKeys.Payload]);
    }

    [Fact]
    public void Edit_NamesTheOriginalMessage_AndOnlyFallsBackToANewOne()
    {
        var edit = Assert.IsType<MessengerEdit>(Assert.Single(Events("edited.json")));

        Assert.Equal("m_text_AbCdEf0123456789", edit.Edit.ProviderMessageId);
        Assert.Equal("Hi! Where is my parcel #4411?", edit.Edit.Text);
        Assert.Equal("m_text_AbCdEf0123456789#edit1", edit.AsNew.ProviderMessageId);
        Assert.Equal("✏️ Edited: Hi! Where is my parcel #4411?", edit.AsNew.Text);
    }

    [Fact]
    public void Sticker_IsOneImage_NotTwo()
    {
        var message = Inbound("sticker.json");

        Assert.Equal("[Sticker]", message.Text);
        Assert.Equal("sticker", message.Metadata[MetadataKeys.Kind]);
        Assert.Equal("Sticker", Assert.Single(message.Attachments).Name);
    }

    [Fact]
    public void Postback_IsTheButtonTitle_WithPayloadAndReferralAsMetadata()
    {
        var message = Inbound("postback.json");

        Assert.Equal("Track my order", message.Text);
        Assert.Equal("TRACK_ORDER", message.Metadata[MetadataKeys.Payload]);
        Assert.Equal("campaign-black-friday", message.Metadata[MetadataKeys.StartParameter]);
    }

    [Fact]
    public void Fallback_IsItsTitle_AndTheLink()
    {
        var message = Inbound("fallback.json");

        Assert.Equal("Blue running shoes – Shop", message.Text);
        Assert.StartsWith("https://l.facebook.com/", Assert.Single(message.Attachments).Url);
    }

    [Fact]
    public void Reaction_NamesOurMessage_AndUnreactRemovesIt()
    {
        var added = Assert.IsType<MessengerReaction>(Assert.Single(Events("reaction.json"))).Reaction;
        var removed = Assert.IsType<MessengerReaction>(Assert.Single(Events("unreact.json"))).Reaction;

        Assert.Equal(("7010000000000001", "m_sent_reply_0123456789", "❤️"), (added.ContactHandle, added.ProviderMessageId, added.Emoji));
        Assert.Null(removed.Emoji);
    }

    [Fact]
    public void Echo_ConfirmsOurMessageWasSent() =>
        Assert.Equal(new MessengerStatus("m_REPLACEDBYTEST", MessageStatus.Sent), Assert.Single(Events("echo.json")));

    [Fact]
    public void Delivery_NamesTheDeliveredMessages() =>
        Assert.Equal(["m_REPLACEDBYTEST"], Assert.IsType<MessengerDelivery>(Assert.Single(Events("delivery.json"))).Mids);

    [Fact]
    public void Read_IsAWatermarkForTheCustomer()
    {
        var read = Assert.IsType<MessengerRead>(Assert.Single(Events("read.json")));

        Assert.Equal("7010000000000001", read.Psid);
        Assert.Equal(MessageStatus.Read, read.Status);
        Assert.Equal(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), read.Watermark);
    }

    [Fact]
    public void Optin_IsIgnored() => Assert.Equal(new MessengerIgnored("optin"), Assert.Single(Events("unsupported.json")));

    [Fact]
    public void EveryEntryAndEvent_IsHandled() =>
        Assert.Equal(["first", "second"], Events("batch.json").Cast<MessengerInbound>().Select(e => e.Message.Text));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"object\":\"page\"}")]
    public void MalformedBodies_AreErrors_NotExceptions(string body)
    {
        var (events, error) = MessengerMapper.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(events);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("{\"message\":{\"text\":\"no mid\"}}")]
    [InlineData("{\"sender\":{\"id\":\"1\"},\"timestamp\":99999999999999999,\"message\":{\"mid\":\"m1\",\"text\":\"far future\"}}")]
    [InlineData("{\"sender\":{\"id\":\"1\"},\"read\":{\"watermark\":-99999999999999999}}")]
    [InlineData("{\"sender\":{\"id\":\"1\"},\"timestamp\":\"yesterday\",\"message\":{\"mid\":\"m1\"}}")]
    [InlineData("{\"sender\":[1],\"message\":{\"mid\":\"m1\"}}")]
    public void UnusableEvents_AreSkippedWithAReason_AndTheRestOfTheBatchIsKept(string bad)
    {
        var body = $$$"""{"object":"page","entry":[{"messaging":[{{{bad}}},{"sender":{"id":"7"},"timestamp":1764000000000,"message":{"mid":"m.good","text":"good"}}]}]}""";

        var (events, error) = MessengerMapper.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error);
        Assert.Equal(2, events.Count);
        Assert.False(string.IsNullOrEmpty(Assert.IsType<MessengerSkipped>(events[0]).Reason));
        Assert.Equal("good", Assert.IsType<MessengerInbound>(events[1]).Message.Text);
    }

    [Fact]
    public void Signature_IsHmacSha256OfTheRawBody()
    {
        var body = Payloads.Bytes("Messenger/text.json");
        var signature = MessengerMapper.Sign(body, "app-secret");

        Assert.True(MessengerMapper.SignatureMatches(body, signature, "app-secret"));
        Assert.False(MessengerMapper.SignatureMatches(body, signature, "other-secret"));
        Assert.False(MessengerMapper.SignatureMatches(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("parcel", "parcels")), signature, "app-secret"));
        Assert.False(MessengerMapper.SignatureMatches(body, null, "app-secret"));
        Assert.False(MessengerMapper.SignatureMatches(body, "sha256=zz", "app-secret"));
        Assert.False(MessengerMapper.SignatureMatches(body, "sha1=" + signature[7..], "app-secret"));
    }

    private static readonly DateTime Now = Payloads.Now;

    [Fact]
    public void Reply_Inside24Hours_IsAResponse()
    {
        var (body, _, mode) = MessengerMapper.PlanSend(new OutboundMessage(1, 1, ChannelKind.Messenger, "7010000000000001", "On its way") { LastInboundAt = Now.AddHours(-2) }, Now);

        Assert.Equal(WindowMode.Open, mode);
        Assert.Equal("RESPONSE", (string?)body!["messaging_type"]);
        Assert.Null(body["tag"]);
        Assert.Equal("7010000000000001", (string?)body["recipient"]!["id"]);
        Assert.Equal("On its way", (string?)body["message"]!["text"]);
    }

    [Fact]
    public void Reply_After24Hours_UsesTheHumanAgentTag_UpTo7Days()
    {
        var (body, _, mode) = MessengerMapper.PlanSend(new OutboundMessage(1, 1, ChannelKind.Messenger, "p", "Sorry for the wait") { LastInboundAt = Now.AddDays(-3) }, Now);
        var (late, refusal, lateMode) = MessengerMapper.PlanSend(new OutboundMessage(1, 1, ChannelKind.Messenger, "p", "Hello?") { LastInboundAt = Now.AddDays(-8) }, Now);

        Assert.Equal(WindowMode.HumanAgentTag, mode);
        Assert.Equal("MESSAGE_TAG", (string?)body!["messaging_type"]);
        Assert.Equal("HUMAN_AGENT", (string?)body["tag"]);
        Assert.Null(late);
        Assert.Equal(WindowMode.Closed, lateMode);
        Assert.Contains("7 days", refusal);
    }

    [Theory]
    [InlineData(400, 190, true, false)]
    [InlineData(401, 0, true, false)]
    [InlineData(400, 613, false, true)]
    [InlineData(500, 2, false, true)]
    [InlineData(400, 100, false, false)]
    public void GraphErrors_AreClassified(int status, int code, bool credentials, bool transient)
    {
        Assert.Equal(credentials, MessengerMapper.IsCredentialsProblem(status, code));
        Assert.Equal(transient, MessengerMapper.IsTransient(status, code));
    }
}
