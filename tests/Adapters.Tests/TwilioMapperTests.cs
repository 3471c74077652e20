using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Twilio;

namespace Omnichannel.Adapters.Tests;

public sealed class TwilioMapperTests
{
    [Fact]
    public void WhatsAppText_IsAWhatsAppMessage_FromTheProfileName()
    {
        var (message, error) = TwilioMapper.ToInbound(Payloads.Form("Twilio/whatsapp-text.txt"), Payloads.Now);

        Assert.Null(error);
        Assert.Equal(ChannelKind.WhatsApp, message!.Channel);
        Assert.Equal("whatsapp:+34600111222", message.ContactHandle);
        Assert.Equal("SM1f0e8ae6ade43cb3c0ce4525424e404f", message.ProviderMessageId);
        Assert.Equal("Hola, ¿tenéis la talla M?", message.Text);
        Assert.Equal("María López", message.ContactName);
        Assert.Equal("+14155238886", message.ThreadKey);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void WhatsAppMedia_BecomesAnAttachmentWithItsContentType()
    {
        var (message, _) = TwilioMapper.ToInbound(Payloads.Form("Twilio/whatsapp-media.txt"), Payloads.Now);

        var media = Assert.Single(message!.Attachments);
        Assert.Equal("image/jpeg", media.ContentType);
        Assert.StartsWith("https://api.twilio.com/2010-04-01/Accounts/", media.Url);
        Assert.Equal("This one", message.Text);
    }

    [Fact]
    public void WhatsAppLocation_IsReadableText_AndAMapLink()
    {
        var (message, _) = TwilioMapper.ToInbound(Payloads.Form("Twilio/whatsapp-location.txt"), Payloads.Now);

        Assert.Equal("📍 Location: Our shop, Puerta del Sol, Madrid (40.4168, -3.7038)", message!.Text);
        Assert.Contains("mlat=40.4168", Assert.Single(message.Attachments).Url);
    }

    [Fact]
    public void Unsupported_IsShownToTheOperator_NotDropped()
    {
        var (message, _) = TwilioMapper.ToInbound(Payloads.Form("Twilio/whatsapp-unsupported.txt"), Payloads.Now);

        Assert.StartsWith("[Unsupported WhatsApp message: unsupported", message!.Text);
    }

    [Fact]
    public void Sms_IsAnSmsMessage_WithThePlainNumberAsHandle()
    {
        var (message, _) = TwilioMapper.ToInbound(Payloads.Form("Twilio/sms-text.txt"), Payloads.Now);

        Assert.Equal(ChannelKind.Sms, message!.Channel);
        Assert.Equal("+34600111222", message.ContactHandle);
        Assert.Null(message.ContactName);
        Assert.Equal("Is my order shipped?", message.Text);
    }

    [Theory]
    [InlineData("MessageSid")]
    [InlineData("From")]
    public void MissingRequiredField_IsMalformed(string field)
    {
        var form = Payloads.Form("Twilio/sms-text.txt");
        form.Remove(field);
        form.Remove("Sms" + field);

        var (message, error) = TwilioMapper.ToInbound(form, Payloads.Now);

        Assert.Null(message);
        Assert.Contains(field, error);
    }

    [Theory]
    [InlineData("status-delivered.txt", MessageStatus.Delivered)]
    [InlineData("status-read.txt", MessageStatus.Read)]
    [InlineData("status-undelivered.txt", MessageStatus.Failed)]
    [InlineData("status-queued.txt", MessageStatus.Queued)]
    [InlineData("status-accepted.txt", MessageStatus.Queued)]
    [InlineData("status-sent.txt", MessageStatus.Sent)]
    public void StatusCallbacks_MapToOurStatuses(string file, MessageStatus? expected)
    {
        var (status, error) = TwilioMapper.ToStatus(Payloads.Form($"Twilio/{file}"));

        Assert.Null(error);
        Assert.Equal("SMREPLACEDBYTEST", status!.MessageSid);
        Assert.Equal(expected, status.Status);
    }

    [Fact]
    public void EmptySms_IsAnEmptyMessage_NotAnUnsupportedOne()
    {
        var (message, error) = TwilioMapper.ToInbound(Payloads.Form("Twilio/sms-empty.txt"), Payloads.Now);

        Assert.Null(error);
        Assert.Equal(ChannelKind.Sms, message!.Channel);
        Assert.Equal("(empty message)", message.Text);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public void WhatsAppButton_IsTheButtonText_WithThePayloadAsMetadata()
    {
        var (message, _) = TwilioMapper.ToInbound(Payloads.Form("Twilio/whatsapp-button.txt"), Payloads.Now);

        Assert.Equal("Yes, reschedule", message!.Text);
        Assert.Equal("RESCHEDULE_ORDER_4711", message.Metadata[MetadataKeys.Payload]);
        Assert.Equal("button", message.Metadata[MetadataKeys.Kind]);
    }

    [Theory]
    [InlineData("queued", MessageStatus.Queued)]
    [InlineData("accepted", MessageStatus.Queued)]
    [InlineData("sent", MessageStatus.Sent)]
    public void ApiAnswer_QueuedOrAccepted_IsNotSentYet(string answered, MessageStatus expected)
    {
        var result = TwilioMapper.SendResultOf("SM1", answered);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(expected, result.Reached);
        Assert.Equal("SM1", result.ProviderMessageId);
    }

    [Fact]
    public void UndeliveredStatus_GivesTheOperatorAReasonWithTheCode()
    {
        var (status, _) = TwilioMapper.ToStatus(Payloads.Form("Twilio/status-undelivered.txt"));

        Assert.Equal("Twilio reported the message undelivered: the handset is unreachable (error 30003).", status!.Reason);
    }

    private static OutboundMessage Reply(ChannelKind channel, string handle, DateTime? lastInbound) =>
        new(1, 1, channel, handle, "Your order ships today") { LastInboundAt = lastInbound };

    [Fact]
    public void WhatsAppReply_InsideTheWindow_IsFreeForm_FromTheNumberTheCustomerWrote()
    {
        var plan = TwilioMapper.PlanSend(Reply(ChannelKind.WhatsApp, "whatsapp:+34600111222", Payloads.Now.AddHours(-23)) with { ThreadKey = "+14155238886" },
            new WhatsAppOptions { From = "+19999999999" }, new SmsOptions(), "https://hub.example.com/", Payloads.Now);

        Assert.Equal(WindowMode.Open, plan.Mode);
        Assert.Equal("whatsapp:+34600111222", plan.Options!.To.ToString());
        Assert.Equal("whatsapp:+14155238886", plan.Options.From.ToString());
        Assert.Equal("Your order ships today", plan.Options.Body);
        Assert.Null(plan.Options.ContentSid);
        // The callback carries our message id, so it can confirm a send whose answer never came.
        Assert.Equal(new Uri("https://hub.example.com/webhooks/twilio/status?mid=1"), plan.Options.StatusCallback);
    }

    [Fact]
    public void WhatsAppReply_OutsideTheWindow_UsesTheTemplate()
    {
        var plan = TwilioMapper.PlanSend(Reply(ChannelKind.WhatsApp, "whatsapp:+34600111222", Payloads.Now.AddHours(-25)),
            new WhatsAppOptions { From = "+14155238886", TemplateContentSid = "HXb5b62575e6e4ff6129ad7c8efe1f983e" }, new SmsOptions(), null, Payloads.Now);

        Assert.Equal(WindowMode.Template, plan.Mode);
        Assert.Null(plan.Options!.Body);
        Assert.Equal("HXb5b62575e6e4ff6129ad7c8efe1f983e", plan.Options.ContentSid);
        Assert.Equal("{\"1\":\"Your order ships today\"}", plan.Options.ContentVariables);
        Assert.Null(plan.Options.StatusCallback);
    }

    [Fact]
    public void WhatsAppReply_OutsideTheWindow_WithoutATemplate_IsRefusedWithAClearReason()
    {
        var plan = TwilioMapper.PlanSend(Reply(ChannelKind.WhatsApp, "whatsapp:+34600111222", null),
            new WhatsAppOptions { From = "+14155238886" }, new SmsOptions(), null, Payloads.Now);

        Assert.Null(plan.Options);
        Assert.Equal(WindowMode.Closed, plan.Mode);
        Assert.Contains("24-hour WhatsApp window is closed", plan.Refusal);
        Assert.Contains("TemplateContentSid", plan.Refusal);
    }

    [Fact]
    public void SmsReply_HasNoWindow_AndComesFromTheSmsNumber()
    {
        var plan = TwilioMapper.PlanSend(Reply(ChannelKind.Sms, "+34600111222", Payloads.Now.AddDays(-30)),
            new WhatsAppOptions(), new SmsOptions { From = "+15005550006" }, null, Payloads.Now);

        Assert.Equal(WindowMode.Unlimited, plan.Mode);
        Assert.Equal("+34600111222", plan.Options!.To.ToString());
        Assert.Equal("+15005550006", plan.Options.From.ToString());
    }

    [Fact]
    public void FindSend_MatchesTheSameTextCreatedAroundTheAttempt_NotAnOlderCopy()
    {
        var at = Payloads.Now;
        TwilioSentMessage[] recent =
        [
            new("SMnew", "Your order ships today", at.AddSeconds(3)),
            new("SMother", "Something else", at.AddSeconds(1)),
        ];
        Assert.Equal("SMnew", TwilioMapper.FindSend(recent, "Your order ships today", at));
        Assert.Null(TwilioMapper.FindSend([new("SMold", "Your order ships today", at.AddHours(-1))], "Your order ships today", at));
        Assert.Null(TwilioMapper.FindSend([], "Your order ships today", at));
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("0", null)]
    [InlineData("-3", null)]
    [InlineData("abc", null)]
    [InlineData(null, null)]
    [InlineData("99999999999999999999999", null)]
    public void CallbackMessageId_IsOnlyAPositiveNumber(string? query, long? expected) =>
        Assert.Equal(expected, TwilioMapper.CallbackMessageId(query));
}
