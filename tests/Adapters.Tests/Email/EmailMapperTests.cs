using MimeKit;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Email;

namespace Omnichannel.Adapters.Tests.Email;

public sealed class EmailMapperTests
{
    [Fact]
    public void PlainText_IsPreferred_AndTheSenderIsTheContact()
    {
        var mail = Payloads.Read("plain-text.eml");
        Assert.Equal("plain-1@customer.test", mail.MessageId);
        Assert.Equal("ada@customer.test", mail.ContactAddress);
        Assert.Equal("Ada Customer", mail.ContactName);
        Assert.Equal("Order 42 is late", mail.Subject);
        Assert.StartsWith("Hello,\n\nwhere is my order 42?", mail.Text);
        Assert.False(mail.Trimmed);
        Assert.False(mail.IsAutomated);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void BulkMail_IsAutomatic_AndItsContactIsTheSender_NotTheReplyTo()
    {
        var mail = Payloads.Read("newsletter-bulk.eml");

        Assert.Equal("newsletter@brand.test", mail.ContactAddress);
        Assert.Equal("Shop Newsletter", mail.ContactName);
        Assert.True(mail.IsAutomated);
        Assert.Contains("bulk", mail.AutomatedReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reply_QuotedHistoryAndSignatureAreTrimmed_TheFullTextIsKept()
    {
        var mail = Payloads.Read("reply-with-quote.eml");
        Assert.Equal("Thanks, that helps!", mail.Text);
        Assert.True(mail.Trimmed);
        Assert.Contains("> It ships today.", mail.FullText);
        Assert.Contains("Ada Lovelace", mail.FullText);
        Assert.Equal("omni.1.2.abc@shop.test", mail.InReplyTo);
        Assert.Equal(["plain-1@customer.test", "omni.1.2.abc@shop.test"], mail.References);
    }

    [Fact]
    public void HtmlOnly_BecomesReadableText()
    {
        var mail = Payloads.Read("html-only.eml");
        Assert.Equal("Hi there,\n\nThe zipper of my blue jacket broke.\nCan you help?\n\n- Order: 77\n- Size: M\n\nPhotos: here (https://photos.example/77)", mail.Text);
        Assert.Contains("> Thanks for your order.", mail.FullText);
        Assert.DoesNotContain("alert", mail.FullText);
        Assert.DoesNotContain("color", mail.FullText);
        Assert.DoesNotContain("ignored title", mail.FullText);
    }

    [Theory]
    [InlineData("iso-8859-1.eml", "Grüße aus Köln", "Grüße aus Köln! Ça coûte 20 EUR.", "Jürgen Müller")]
    [InlineData("windows-1251.eml", "Заказ 55", "Здравствуйте! Где мой заказ?", "Ivan")]
    [InlineData("iso-2022-jp.eml", "注文について", "こんにちは、注文はいつ届きますか？", "Hanako")]
    public void NonUtf8Charsets_AreDecoded(string file, string subject, string text, string name)
    {
        var mail = Payloads.Read(file);
        Assert.Equal(subject, mail.Subject);
        Assert.Equal(text, mail.Text);
        Assert.Equal(name, mail.ContactName);
    }

    [Fact]
    public void Bounce_NamesTheOriginalMessageAndTheReason()
    {
        var mail = Payloads.Read("bounce.eml");
        Assert.True(mail.IsAutomated);
        Assert.NotNull(mail.Bounce);
        Assert.Equal("omni.7.9.original@shop.test", mail.Bounce.OriginalMessageId);
        Assert.Contains("nobody@customer.test 5.1.1 550 5.1.1 User unknown", mail.Bounce.Reason);
    }

    [Fact]
    public void DelayNotice_IsNotABounce()
    {
        var raw = System.Text.Encoding.ASCII.GetString(Payloads.Raw("bounce.eml")).Replace("Action: failed", "Action: delayed");
        var bytes = System.Text.Encoding.ASCII.GetBytes(raw);
        var mail = EmailMapper.Read(EmailMapper.Load(bytes), bytes);
        Assert.Null(mail.Bounce);
        Assert.True(mail.IsAutomated);
    }

    [Fact]
    public void MalformedMime_IsReadWithoutThrowing_AndKeepsWhatCanBeRead()
    {
        var raw = Payloads.Raw("malformed.eml");
        var message = EmailMapper.Load(raw);
        var mail = EmailMapper.Read(message, raw);
        Assert.Equal("broken@customer.test", mail.ContactAddress);
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        Assert.True(mail.Incomplete, "an empty parse of a mail with a body is flagged so the raw mail is kept");
    }

    [Fact]
    public void NoMessageId_UsesAStableHashOfTheRawMail()
    {
        var raw = "From: a@b.test\r\nSubject: x\r\n\r\nhello\r\n"u8.ToArray();
        var first = EmailMapper.Read(EmailMapper.Load(raw), raw);
        var again = EmailMapper.Read(EmailMapper.Load(raw), raw);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.StartsWith("sha256.", first.MessageId);
    }

    [Fact]
    public void ToInbound_FlagsAutomatic_ShowsSubjectForANewThread_AndAppendsNotes()
    {
        var mail = Payloads.Read("auto-reply.eml");
        var inbound = EmailMapper.ToInbound(mail, new EmailThreadDecision(null, "{}", ShowSubject: true), [], ["a note"], 20_000, new DateTime(2025, 6, 3, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(ChannelKind.Email, inbound.Channel);
        Assert.True(inbound.IsAutomated);
        Assert.True(inbound.NewConversation);
        Assert.Null(inbound.ConversationId);
        Assert.StartsWith("[Automatic mail: Auto-Submitted: auto-replied.", inbound.Text);
        Assert.Contains("Subject: Automatic reply: Order 42 is late\n\nI am out of the office until Monday.", inbound.Text);
        Assert.EndsWith("[a note]", inbound.Text);
    }

    [Fact]
    public void ToMime_ThreadsTheReply()
    {
        var thread = new EmailThread("support", "Order 42 is late", "ada-2@customer.test", ["ada-1@customer.test", "omni.1@shop.test"]);
        var mailbox = new EmailMailboxOptions { Address = "support@shop.test", DisplayName = "Shop Support" };
        var reply = new OutboundMessage(9, 1, ChannelKind.Email, "ada@customer.test", "You're welcome. Grüße!");
        var id = EmailMapper.NewMessageId(reply, mailbox.Address);
        var mime = EmailMapper.ToMime(reply, mailbox, thread, id, DateTimeOffset.UnixEpoch);
        Assert.StartsWith("omni.1.9.", id);
        Assert.EndsWith("@shop.test", id);
        Assert.Equal(id, mime.MessageId);
        Assert.Equal("Re: Order 42 is late", mime.Subject);
        Assert.Equal("ada-2@customer.test", mime.InReplyTo);
        Assert.Equal(["ada-1@customer.test", "omni.1@shop.test", "ada-2@customer.test"], mime.References);
        Assert.Equal("\"Shop Support\" <support@shop.test>", mime.From.ToString());
        Assert.Equal("You're welcome. Grüße!", mime.TextBody);
    }
}
