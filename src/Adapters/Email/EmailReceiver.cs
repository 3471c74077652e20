using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// The IMAP listener: one loop per configured mailbox. It waits with IDLE when the server has it (polls
/// otherwise), imports every mail above the last imported UID in UID order, and stores UIDVALIDITY + the last
/// UID after each mail, so a restart neither loses nor re-imports mail (a re-import after a UIDVALIDITY change
/// is absorbed by the Message-ID dedupe). Errors close the connection and reconnect with backoff. The folder's
/// event handlers only signal; all fetching happens in the loop.
/// </summary>
public sealed class EmailReceiver(
    IOptions<EmailOptions> options,
    IServiceScopeFactory scopes,
    IChannelCursorStore cursors,
    IAttachmentStore attachments,
    ChannelHealth health,
    TimeProvider time,
    ILogger<EmailReceiver> logger) : BackgroundService
{
    private readonly Dictionary<string, string?> problems = [];
    private readonly Lock gate = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mailboxes = options.Value.Mailboxes;
        if (mailboxes.Count == 0)
            return Task.CompletedTask;
        health.Report(ChannelKind.Email, configured: true, healthy: false, "Connecting to the mailboxes");
        var importer = new MailboxImporter(options, scopes, new EmailAttachmentStorage(options, attachments), time, logger);
        var listener = new MailboxListener(options, new MailboxCursor(options, cursors, logger), importer, time);
        return Task.WhenAll(mailboxes.Select(m => Task.Run(() => RunMailboxAsync(listener, m, stoppingToken), stoppingToken)));
    }

    private async Task RunMailboxAsync(MailboxListener listener, EmailMailboxOptions mailbox, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var delay = o.ReconnectMinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = new ImapClient();
                await client.ConnectAsync(mailbox.Imap.Host, mailbox.Imap.Port, mailbox.Imap.Security.ToMailKit(), stoppingToken);
                await client.AuthenticateAsync(mailbox.Imap.User, mailbox.Imap.Password, stoppingToken);
                var folder = await client.GetFolderAsync(mailbox.Imap.Folder, stoppingToken);
                await folder.OpenAsync(FolderAccess.ReadOnly, stoppingToken);
                logger.LogInformation("Mailbox {Mailbox}: connected to {Host}:{Port}, folder {Folder} (IDLE {Idle})",
                    mailbox.Key, mailbox.Imap.Host, mailbox.Imap.Port, folder.FullName, client.Capabilities.HasFlag(ImapCapabilities.Idle));
                Report(mailbox, null);
                delay = o.ReconnectMinDelay;
                await listener.ListenAsync(client, folder, mailbox, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Mailbox {Mailbox}: {Error}; reconnecting in {Delay}", mailbox.Key, ex.Message, delay);
                Report(mailbox, $"{mailbox.Key}: {ex.Message}");
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, o.ReconnectMaxDelay.Ticks));
            }
        }
    }

    private void Report(EmailMailboxOptions mailbox, string? problem)
    {
        lock (gate)
        {
            problems[mailbox.Key] = problem;
            var failing = problems.Values.OfType<string>().ToList();
            var connected = problems.Count == options.Value.Mailboxes.Count;
            health.Report(ChannelKind.Email, configured: true, healthy: failing.Count == 0 && connected,
                failing.Count > 0 ? string.Join("; ", failing) : connected ? null : "Connecting to the mailboxes");
        }
    }
}
