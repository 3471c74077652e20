using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Email;

/// <summary>A hub with one mailbox on a real Dovecot (IMAP) and a real SMTP server, all on loopback, per test.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmailWorld : IAsyncDisposable
{
    public const string SupportAddress = "support@shop.test";

    public DovecotServer Dovecot { get; } = new();
    public SmtpSink Smtp { get; } = new();
    public HubFactory Hub { get; private set; }

    /// <summary>Database, keys and attachments live here (not in the hub's temp folder) so the hub can be restarted on them.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "omnichannel-email", Guid.NewGuid().ToString("N"));

    private EmailWorld() => Hub = new HubFactory { DataDirectory = DataDirectory, KeepData = true };

    public static async Task<EmailWorld> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var world = new EmailWorld();
        await world.Dovecot.StartAsync();
        await world.Smtp.StartAsync();
        var s = world.Hub.Settings;
        Directory.CreateDirectory(world.DataDirectory);
        s["Storage:KeysDirectory"] = Path.Combine(world.DataDirectory, "keys");
        s["Storage:AttachmentsDirectory"] = Path.Combine(world.DataDirectory, "attachments");
        s["Channels:Email:Mailboxes:0:Name"] = "support";
        s["Channels:Email:Mailboxes:0:Address"] = SupportAddress;
        s["Channels:Email:Mailboxes:0:DisplayName"] = "Shop Support";
        s["Channels:Email:Mailboxes:0:Imap:Host"] = "127.0.0.1";
        s["Channels:Email:Mailboxes:0:Imap:Port"] = world.Dovecot.Port.ToString();
        s["Channels:Email:Mailboxes:0:Imap:Security"] = "None";
        s["Channels:Email:Mailboxes:0:Imap:User"] = DovecotServer.User;
        s["Channels:Email:Mailboxes:0:Imap:Password"] = DovecotServer.Password;
        s["Channels:Email:Mailboxes:0:Smtp:Host"] = "127.0.0.1";
        s["Channels:Email:Mailboxes:0:Smtp:Port"] = world.Smtp.Port.ToString();
        s["Channels:Email:Mailboxes:0:Smtp:Security"] = "None";
        // New mail must arrive through IDLE: a poll would only happen after an hour.
        s["Channels:Email:PollInterval"] = "01:00:00";
        s["Channels:Email:ReconnectMinDelay"] = "00:00:00.200";
        s["Channels:Email:ReconnectMaxDelay"] = "00:00:01";
        s["Channels:Email:ImportExisting"] = "true";
        s["Outbox:PollInterval"] = "00:00:00.200";
        configure?.Invoke(s);
        return world;
    }

    /// <summary>Stops the hub, runs <paramref name="whileDown"/>, and starts a new hub on the same database.</summary>
    public async Task RestartHubAsync(Func<Task> whileDown)
    {
        var settings = Hub.Settings;
        await Hub.DisposeAsync();
        await whileDown();
        Hub = new HubFactory { DataDirectory = DataDirectory, KeepData = true };
        foreach (var (key, value) in settings)
            Hub.Settings[key] = value;
        _ = Hub.BaseAddress;
    }

    /// <summary>Waits (bounded) until the listener reports the mailbox connected.</summary>
    public async Task WaitForMailboxConnectedAsync()
    {
        var health = Hub.Provider.GetRequiredService<ChannelHealth>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!health.Snapshot().Any(s => s.Channel == ChannelKind.Email && s.Healthy))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The email listener did not connect: " + string.Join("; ", health.Snapshot()));
            await Task.Delay(50);
        }
    }

    /// <summary>Waits (bounded) until the stored message matches, e.g. the outbox has recorded a retry.</summary>
    public async Task<Message> WaitForMessageAsync(long id, Func<Message, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var message = (await StoredEmailMessagesAsync()).Single(m => m.Id == id);
            if (match(message))
                return message;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Message {id} is {message.Status} ({message.StatusReason}).");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits (bounded) until the listener's stored cursor ("UIDVALIDITY:last UID") has this last UID.
    /// The cursor is written right after the hub has stored the mail, so it may trail the console push.</summary>
    public async Task<string> WaitForLastUidAsync(uint uid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using (var scope = Hub.Provider.CreateAsyncScope())
            {
                var cursor = await scope.ServiceProvider.GetRequiredService<IChannelCursorStore>().GetAsync("email:support:INBOX", CancellationToken.None);
                if (cursor?.EndsWith($":{uid}", StringComparison.Ordinal) == true)
                    return cursor;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The cursor is {cursor}, expected last UID {uid}.");
            }
            await Task.Delay(50);
        }
    }

    public static MimeMessage Mail(string from, string subject, string text, string? messageId = null, string? inReplyTo = null, IEnumerable<string>? references = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(SupportAddress));
        mail.Subject = subject;
        mail.MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.test";
        mail.Date = DateTimeOffset.UtcNow;
        if (inReplyTo is not null)
            mail.InReplyTo = inReplyTo;
        foreach (var id in references ?? [])
            mail.References.Add(id);
        mail.Body = new TextPart("plain") { Text = text };
        return mail;
    }

    public static byte[] Payload(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", "Email", name));

    public async Task<List<Message>> StoredEmailMessagesAsync()
    {
        await using var scope = Hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.AsNoTracking().Where(m => m.Channel == ChannelKind.Email).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<Conversation> ConversationAsync(long id)
    {
        await using var scope = Hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    public async Task<(OperatorSession Operator, ConsoleListener Console)> OperatorAsync(string name = "Ada")
    {
        var op = await Hub.LoginAsync(await Hub.CreateOperatorAsync(name));
        return (op, await op.ConnectConsoleAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Dovecot.DisposeAsync();
        await Smtp.DisposeAsync();
        Servers.TestStorage.Drop(DataDirectory, Hub.Storage);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
