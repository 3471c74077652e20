using Omnichannel.Adapters.Email;

namespace Omnichannel.Adapters.Tests.Email;

public sealed class EmailOptionsTests
{
    private static EmailMailboxOptions Mailbox(string address = "support@shop.test") => new()
    {
        Address = address,
        Imap = new ImapServerOptions { Host = "imap.shop.test", User = "support" },
        Smtp = new SmtpServerOptions { Host = "smtp.shop.test" },
    };

    [Fact]
    public void NoMailbox_IsValid_AndTheChannelStaysOff() =>
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);

    [Fact]
    public void CompleteMailbox_IsValid() =>
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions { Mailboxes = [Mailbox()] }).Succeeded);

    [Fact]
    public void Mistakes_AreNamedWithTheirKey()
    {
        var broken = Mailbox("not an address");
        broken.Imap.Host = "";
        broken.Smtp.Port = 0;
        var result = new EmailOptionsValidator().Validate(null, new EmailOptions { Mailboxes = [broken, Mailbox("not an address")], MaxAttachmentBytes = 0 });
        Assert.False(result.Succeeded);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Channels:Email:Mailboxes:0:Address must be an email address.", failures);
        Assert.Contains("Channels:Email:Mailboxes:0:Imap:Host is required.", failures);
        Assert.Contains("Channels:Email:Mailboxes:0:Smtp:Port must be a TCP port.", failures);
        Assert.Contains("two mailboxes are named", failures);
        Assert.Contains("MaxAttachmentBytes", failures);
    }
}
