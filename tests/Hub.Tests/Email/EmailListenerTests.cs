using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Tests.Email;

/// <summary>The IMAP listener's cursor and its poll fallback, against a real Dovecot.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmailListenerTests
{
    [Fact]
    public async Task HubRestart_ImportsMailThatArrivedWhileItWasDown_AndNothingTwice()
    {
        // Only new mail is imported (the production default), so what arrives while the hub is down is found by the stored UID alone.
        await using var world = await EmailWorld.StartAsync(s => s["Channels:Email:ImportExisting"] = "false");
        await world.Dovecot.AppendAsync(EmailWorld.Mail("old@customer.test", "Old", "old mail before the hub ever ran", "old@customer.test"));
        await world.WaitForMailboxConnectedAsync();
        var (_, console) = await world.OperatorAsync();
        await using (console)
        {
            await world.Dovecot.AppendAsync(EmailWorld.Mail("hal@customer.test", "One", "first while running", "one@customer.test"));
            await console.Messages.WaitAsync(m => m.Text.Contains("first while running"), TimeSpan.FromSeconds(30));
        }
        var cursor = await world.WaitForLastUidAsync(2);

        await world.RestartHubAsync(() => world.Dovecot.AppendAsync(EmailWorld.Mail("hal@customer.test", "Two", "sent while the hub was down", "two@customer.test")));

        var (_, again) = await world.OperatorAsync("Bo");
        await using (again)
        {
            await world.Dovecot.AppendAsync(EmailWorld.Mail("hal@customer.test", "Three", "after the restart", "three@customer.test"));
            await again.Messages.WaitAsync(m => m.Text.Contains("after the restart"), TimeSpan.FromSeconds(30));
        }
        var ids = (await world.StoredEmailMessagesAsync()).Select(m => m.ProviderMessageId).ToList();
        Assert.Equal(["one@customer.test", "two@customer.test", "three@customer.test"], ids);
        Assert.Equal(cursor.Split(':')[0] + ":4", await world.WaitForLastUidAsync(4));
    }

    [Fact]
    public async Task WithoutIdle_TheListenerPolls()
    {
        await using var world = await EmailWorld.StartAsync(s =>
        {
            s["Channels:Email:UseIdle"] = "false";
            s["Channels:Email:PollInterval"] = "00:00:00.300";
        });
        var (_, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("ike@customer.test", "Polling", "found by polling"));
        var message = await console.Messages.WaitAsync(m => m.Text.Contains("found by polling"), TimeSpan.FromSeconds(30));
        Assert.Equal(ChannelKind.Email, message.Channel);
    }

    [Fact]
    public async Task UnreachableSmtpServer_IsRetriedByTheOutbox_ThenSent()
    {
        await using var world = await EmailWorld.StartAsync(s =>
        {
            s["Outbox:FirstBackoff"] = "00:00:00.200";
            s["Outbox:MaxBackoff"] = "00:00:01";
        });
        var (op, console) = await world.OperatorAsync();
        await using var _ = console;
        await world.Dovecot.AppendAsync(EmailWorld.Mail("jo@customer.test", "Retry", "please answer"));
        var first = await console.Messages.WaitAsync(m => m.Text.Contains("please answer"), TimeSpan.FromSeconds(30));

        await world.Smtp.StopAsync();
        var reply = await op.ReplyAsync(first.ConversationId, "Answer after a hiccup.");
        await world.WaitForMessageAsync(reply.Id, m => m.StatusReason?.StartsWith("Retrying") == true);
        await world.Smtp.StartAsync();

        await world.Smtp.WaitForAsync(m => m.TextBody?.Contains("Answer after a hiccup.") == true, TimeSpan.FromSeconds(60));
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent, TimeSpan.FromSeconds(30));
    }
}
