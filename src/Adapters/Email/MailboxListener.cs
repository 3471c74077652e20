using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Options;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// Waits for new mail on one open folder: with IDLE when the server has it, by polling otherwise, importing what
/// arrived after each wake-up. The folder's event handlers only signal; all fetching happens in the loop.
/// </summary>
internal sealed class MailboxListener(IOptions<EmailOptions> options, MailboxCursor cursor, MailboxImporter importer, TimeProvider time)
{
    public async Task ListenAsync(ImapClient client, IMailFolder folder, EmailMailboxOptions mailbox, CancellationToken stoppingToken)
    {
        var changed = 0;
        CancellationTokenSource? idleDone = null;
        void OnChanged(object? sender, EventArgs e)
        {
            // Only a signal: fetching here would re-enter the IMAP client while it is reading a response.
            Interlocked.Exchange(ref changed, 1);
            try
            {
                idleDone?.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        folder.CountChanged += OnChanged;
        try
        {
            var lastUid = await cursor.StartingUidAsync(folder, mailbox, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref changed, 0);
                lastUid = await importer.ImportNewAsync(folder, mailbox, lastUid, cursor, stoppingToken);
                if (Volatile.Read(ref changed) == 1)
                    continue;
                if (options.Value.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    using var done = new CancellationTokenSource(options.Value.IdleRefresh, time);
                    idleDone = done;
                    if (Volatile.Read(ref changed) == 0)
                        await client.IdleAsync(done.Token, stoppingToken);
                    idleDone = null;
                }
                else
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                    await client.NoOpAsync(stoppingToken);
                }
            }
        }
        finally
        {
            folder.CountChanged -= OnChanged;
        }
    }
}
