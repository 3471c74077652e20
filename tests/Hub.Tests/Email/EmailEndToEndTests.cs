using System.Net;
using MimeKit;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Tests.Email;

/// <summary>The email channel against a real Dovecot IMAP server and a real SMTP server on loopback.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmailEndToEndTests : IAsyncLifetime
{
    private EmailWorld world = null!;

    public async Task InitializeAsync() => world = await EmailWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task MailInTheMailbox_BecomesAnEmailConversation_TheReplyIsThreaded_AndTheAnswerJoinsIt()
    {
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;

        await world.Dovecot.AppendAsync(EmailWorld.Mail("Ada Customer <ada@customer.test>", "Order 42 is late", "Where is my order 42?", "ada-1@customer.test"));

        var first = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Email && m.Text.Contains("Where is my order 42?"), TimeSpan.FromSeconds(30));
        Assert.Contains("Subject: Order 42 is late", first.Text);
        Assert.False(first.IsAutomated);
        var opened = await console.Conversations.WaitAsync(c => c.Id == first.ConversationId);
        Assert.Equal(ChannelKind.Email, opened.Channel);
        Assert.Equal(ConversationState.Waiting, opened.State);
        Assert.Equal("ada@customer.test", opened.ContactHandle);
        Assert.Equal("Ada Customer", opened.ContactName);
        Assert.NotNull(opened.WaitingSince);

        var reply = await op.ReplyAsync(first.ConversationId, "It ships today.");
        var sent = await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("It ships today.") == true);
        Assert.NotNull(sent.MessageId);
        Assert.Equal("ada-1@customer.test", sent.InReplyTo);
        Assert.Equal(["ada-1@customer.test"], sent.References);
        Assert.Equal("Re: Order 42 is late", sent.Subject);
        Assert.Equal("ada@customer.test", sent.To.Mailboxes.Single().Address);
        Assert.Equal(EmailWorld.SupportAddress, sent.From.Mailboxes.Single().Address);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        var stored = (await world.StoredEmailMessagesAsync()).Single(m => m.Id == reply.Id);
        Assert.Equal(sent.MessageId, stored.ProviderMessageId);

        var answer = EmailWorld.Mail("Ada Customer <ada@customer.test>", "Re: Order 42 is late",
            "Great, thanks!\n\nOn Tue, 3 Jun 2025 at 11:00, Shop Support <support@shop.test> wrote:\n> It ships today.\n",
            "ada-2@customer.test", sent.MessageId, ["ada-1@customer.test", sent.MessageId!]);
        await world.Dovecot.AppendAsync(answer);

        var second = await console.Messages.WaitAsync(m => m.Text.Contains("Great, thanks!"), TimeSpan.FromSeconds(30));
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.DoesNotContain("It ships today", second.Text);
        Assert.DoesNotContain("Subject:", second.Text);
        var full = Assert.Single(second.Attachments, a => a.Name == "full-text.txt");
        var original = await op.Http.GetStringAsync(full.Url);
        Assert.Contains("> It ships today.", original);

        // The next reply answers the customer's latest mail and carries the whole chain.
        await op.ReplyAsync(first.ConversationId, "You're welcome.");
        var next = await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("You're welcome.") == true);
        Assert.Equal("ada-2@customer.test", next.InReplyTo);
        Assert.Equal(["ada-1@customer.test", sent.MessageId, "ada-2@customer.test"], next.References);
    }

    [Fact]
    public async Task WithoutReferences_TheSameSubjectJoins_AndANewSubjectOpensANewConversation()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("bo@customer.test", "Return label", "Can I get a return label?"));
        var first = await console.Messages.WaitAsync(m => m.Text.Contains("return label?"), TimeSpan.FromSeconds(30));

        await world.Dovecot.AppendAsync(EmailWorld.Mail("bo@customer.test", "RE: Return label", "Forgot: order 77."));
        var sameThread = await console.Messages.WaitAsync(m => m.Text.Contains("order 77"), TimeSpan.FromSeconds(30));
        Assert.Equal(first.ConversationId, sameThread.ConversationId);

        await world.Dovecot.AppendAsync(EmailWorld.Mail("bo@customer.test", "Invoice address", "Please change my invoice address."));
        var other = await console.Messages.WaitAsync(m => m.Text.Contains("invoice address."), TimeSpan.FromSeconds(30));
        Assert.NotEqual(first.ConversationId, other.ConversationId);
    }

    [Fact]
    public async Task Idle_NewMailShowsUpWithoutAPoll()
    {
        // The poll interval is an hour (see EmailWorld): only IDLE can bring this mail in within the wait.
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("cy@customer.test", "First", "first mail"));
        await console.Messages.WaitAsync(m => m.Text.Contains("first mail"), TimeSpan.FromSeconds(30));
        // The listener is now idling on the folder.
        await world.Dovecot.AppendAsync(EmailWorld.Mail("cy@customer.test", "Second", "second mail"));
        await console.Messages.WaitAsync(m => m.Text.Contains("second mail"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ImapServerRestart_ListenerRecovers_AndImportsWhatArrivedMeanwhile_EachOnce()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("dee@customer.test", "Before", "before the outage", "before@customer.test"));
        await console.Messages.WaitAsync(m => m.Text.Contains("before the outage"), TimeSpan.FromSeconds(30));

        await world.Dovecot.StopAsync();
        world.Dovecot.DeliverToMaildir(Raw(EmailWorld.Mail("dee@customer.test", "During 1", "during the outage one", "during-1@customer.test")));
        world.Dovecot.DeliverToMaildir(Raw(EmailWorld.Mail("erin@customer.test", "During 2", "during the outage two", "during-2@customer.test")));
        await world.Dovecot.StartAsync();

        await console.Messages.WaitAsync(m => m.Text.Contains("during the outage one"), TimeSpan.FromSeconds(30));
        await console.Messages.WaitAsync(m => m.Text.Contains("during the outage two"), TimeSpan.FromSeconds(30));
        await world.Dovecot.AppendAsync(EmailWorld.Mail("dee@customer.test", "After", "after the outage", "after@customer.test"));
        await console.Messages.WaitAsync(m => m.Text.Contains("after the outage"), TimeSpan.FromSeconds(30));

        var ids = (await world.StoredEmailMessagesAsync()).Select(m => m.ProviderMessageId).Order().ToList();
        Assert.Equal(["after@customer.test", "before@customer.test", "during-1@customer.test", "during-2@customer.test"], ids);
    }

    [Fact]
    public async Task AutomaticMail_IsShownButNeverCountsAsAWaitingCustomer()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("auto-reply.eml"));
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("list-mail.eml"));

        var auto = await console.Messages.WaitAsync(m => m.Text.Contains("out of the office"), TimeSpan.FromSeconds(30));
        var list = await console.Messages.WaitAsync(m => m.Text.Contains("50% off"), TimeSpan.FromSeconds(30));
        foreach (var message in new[] { auto, list })
        {
            Assert.True(message.IsAutomated);
            Assert.Contains("[Automatic mail:", message.Text);
            Assert.Null((await world.ConversationAsync(message.ConversationId)).WaitingSince);
        }
        Assert.Empty(world.Smtp.Received());
    }

    [Fact]
    public async Task HtmlOnlyMail_IsShownAsReadableText()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("html-only.eml"));
        var message = await console.Messages.WaitAsync(m => m.Text.Contains("zipper"), TimeSpan.FromSeconds(30));
        Assert.Contains("The zipper of my blue jacket broke.\nCan you help?", message.Text);
        Assert.Contains("- Order: 77", message.Text);
        Assert.Contains("https://photos.example/77", message.Text);
        Assert.DoesNotContain("<", message.Text);
        Assert.DoesNotContain("alert", message.Text);
        Assert.DoesNotContain("Thanks for your order", message.Text);
    }

    [Fact]
    public async Task NonUtf8Charsets_AreDecoded()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("iso-8859-1.eml"));
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("windows-1251.eml"));
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("iso-2022-jp.eml"));

        var latin = await console.Messages.WaitAsync(m => m.Text.Contains("Grüße aus Köln! Ça coûte 20 EUR."), TimeSpan.FromSeconds(30));
        var conversation = await console.Conversations.WaitAsync(c => c.Id == latin.ConversationId);
        Assert.Equal("Jürgen Müller", conversation.ContactName);
        await console.Messages.WaitAsync(m => m.Text.Contains("Здравствуйте! Где мой заказ?") && m.Text.Contains("Заказ 55"), TimeSpan.FromSeconds(30));
        await console.Messages.WaitAsync(m => m.Text.Contains("こんにちは、注文はいつ届きますか？") && m.Text.Contains("注文について"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Attachments_AreStoredForOperators_AndOneOverTheLimitLeavesAClearNote()
    {
        await world.DisposeAsync();
        world = await EmailWorld.StartAsync(s => s["Channels:Email:MaxAttachmentBytes"] = "65536");
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;

        var mail = EmailWorld.Mail("fay@customer.test", "Photos", "See the photos.");
        var body = new BodyBuilder { TextBody = "See the photos." };
        body.Attachments.Add("small.png", Enumerable.Repeat((byte)7, 2000).ToArray(), new ContentType("image", "png"));
        body.Attachments.Add("huge.zip", new byte[300_000], new ContentType("application", "zip"));
        mail.Body = body.ToMessageBody();
        await world.Dovecot.AppendAsync(mail);

        var message = await console.Messages.WaitAsync(m => m.Text.Contains("See the photos."), TimeSpan.FromSeconds(30));
        var small = Assert.Single(message.Attachments);
        Assert.Equal("small.png", small.Name);
        Assert.Equal("image/png", small.ContentType);
        Assert.Equal(2000, small.Size);
        Assert.Contains("Attachment \"huge.zip\" (293 KB) was not stored: it is larger than the 64 KB limit", message.Text);
        Assert.Contains("UID 1", message.Text);

        var download = await op.Http.GetAsync(small.Url);
        download.EnsureSuccessStatusCode();
        Assert.Equal(2000, (await download.Content.ReadAsByteArrayAsync()).Length);
        var anonymous = await world.Hub.Http().GetAsync(small.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task MalformedMime_DoesNotStopTheListener_AndNothingIsLost()
    {
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendRawAsync(EmailWorld.Payload("malformed.eml"));
        await world.Dovecot.AppendRawAsync([0xff, 0xfe, 0x00, 0x01, (byte)'\r', (byte)'\n']);
        await world.Dovecot.AppendAsync(EmailWorld.Mail("gus@customer.test", "Fine", "a normal mail after the broken ones"));

        await console.Messages.WaitAsync(m => m.Text.Contains("a normal mail after the broken ones"), TimeSpan.FromSeconds(30));
        var stored = await world.StoredEmailMessagesAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, m => Assert.False(string.IsNullOrWhiteSpace(m.Text)));
        Assert.Contains(stored, m => m.Text.Contains("please still read me") || m.Attachments.Any(a => a.Name == "original.eml"));
    }

    [Fact]
    public async Task Bounce_MarksTheOriginalReplyFailed()
    {
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("nobody@customer.test", "Where is it", "Where is my parcel?"));
        var first = await console.Messages.WaitAsync(m => m.Text.Contains("my parcel"), TimeSpan.FromSeconds(30));
        var reply = await op.ReplyAsync(first.ConversationId, "Here is the tracking link.");
        var sent = await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("tracking link") == true);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);

        var bounce = System.Text.Encoding.ASCII.GetString(EmailWorld.Payload("bounce.eml")).Replace("omni.7.9.original@shop.test", sent.MessageId);
        await world.Dovecot.AppendRawAsync(System.Text.Encoding.ASCII.GetBytes(bounce));

        var failed = await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Failed, TimeSpan.FromSeconds(30));
        Assert.Contains("5.1.1", failed.Reason);
        var report = await console.Messages.WaitAsync(m => m.Text.Contains("could not be delivered"));
        Assert.True(report.IsAutomated);
    }

    private static byte[] Raw(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }
}
