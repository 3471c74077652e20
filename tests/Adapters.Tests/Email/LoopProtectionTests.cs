using MimeKit;
using Omnichannel.Adapters.Email;

namespace Omnichannel.Adapters.Tests.Email;

public sealed class LoopProtectionTests
{
    private static MimeMessage Mail(string from = "ada@customer.test", params (string Name, string Value)[] headers)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.Subject = "Hello";
        foreach (var (name, value) in headers)
            mail.Headers.Add(name, value);
        mail.Body = new TextPart("plain") { Text = "hi" };
        return mail;
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=x@y.test")]
    [InlineData("Return-Path", "<>")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "JUNK")]
    [InlineData("Precedence", "list")]
    [InlineData("List-Id", "<deals.lists.test>")]
    [InlineData("X-Autoreply", "yes")]
    public void MachineHeaders_AreAutomatic(string header, string value) =>
        Assert.NotNull(LoopProtection.AutomatedReason(Mail(headers: (header, value))));

    [Theory]
    [InlineData("MAILER-DAEMON@mx.test")]
    [InlineData("postmaster@mx.test")]
    [InlineData("owner-list@lists.test")]
    [InlineData("list-request@lists.test")]
    [InlineData("no-reply@shop.test")]
    public void MachineSenders_AreAutomatic(string from) =>
        Assert.NotNull(LoopProtection.AutomatedReason(Mail(from)));

    [Fact]
    public void MultipartReport_IsAutomatic()
    {
        var mail = Mail();
        mail.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "report" } };
        Assert.Contains("multipart/report", LoopProtection.AutomatedReason(mail));
    }

    [Theory]
    [InlineData("Auto-Submitted", "no")]
    [InlineData("Auto-Submitted", "No; comment")]
    [InlineData("Return-Path", "<ada@customer.test>")]
    [InlineData("Precedence", "first-class")]
    [InlineData("X-Mailer", "Thunderbird")]
    public void PersonsMail_IsNotAutomatic(string header, string value) =>
        Assert.Null(LoopProtection.AutomatedReason(Mail(headers: (header, value))));

    [Fact]
    public void RecordedAutoReplyListMailAndBounce_AreAutomatic()
    {
        Assert.Equal("Auto-Submitted: auto-replied", Payloads.Read("auto-reply.eml").AutomatedReason);
        Assert.NotNull(Payloads.Read("list-mail.eml").AutomatedReason);
        Assert.NotNull(Payloads.Read("bounce.eml").AutomatedReason);
        Assert.Null(Payloads.Read("plain-text.eml").AutomatedReason);
    }
}
