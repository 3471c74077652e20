using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
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
        return Task.WhenAll(mailboxes.Select(m => Task.Run(() => RunMailboxAsync(m, stoppingToken), stoppingToken)));
    }

    private async Task RunMailboxAsync(EmailMailboxOptions mailbox, CancellationToken stoppingToken)
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
                await ListenAsync(client, folder, mailbox, stoppingToken);
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

    private async Task ListenAsync(ImapClient client, IMailFolder folder, EmailMailboxOptions mailbox, CancellationToken stoppingToken)
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
            var lastUid = await StartingUidAsync(folder, mailbox, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref changed, 0);
                lastUid = await ImportNewAsync(folder, mailbox, lastUid, stoppingToken);
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

    private string CursorKey(EmailMailboxOptions mailbox) => $"email:{mailbox.Key}:{mailbox.Imap.Folder}";

    /// <summary>The UID after which mail is new. A changed UIDVALIDITY means the folder was recreated: import it again.</summary>
    private async Task<uint> StartingUidAsync(IMailFolder folder, EmailMailboxOptions mailbox, CancellationToken cancellationToken)
    {
        var stored = await cursors.GetAsync(CursorKey(mailbox), cancellationToken);
        var parts = stored?.Split(':');
        if (parts is [var validity, var last] && uint.TryParse(validity, out var v) && uint.TryParse(last, out var uid))
        {
            if (v == folder.UidValidity)
                return uid;
            logger.LogWarning("Mailbox {Mailbox}: UIDVALIDITY changed from {Old} to {New}; importing the folder again (known mail is recognised by Message-ID)",
                mailbox.Key, v, folder.UidValidity);
            await SaveCursorAsync(folder, mailbox, 0, cancellationToken);
            return 0;
        }
        uint start = 0;
        if (!options.Value.ImportExisting && folder.Count > 0)
        {
            var all = await folder.SearchAsync(SearchQuery.All, cancellationToken);
            start = all.Count == 0 ? 0 : all.Max(u => u.Id);
        }
        await SaveCursorAsync(folder, mailbox, start, cancellationToken);
        return start;
    }

    private Task SaveCursorAsync(IMailFolder folder, EmailMailboxOptions mailbox, uint lastUid, CancellationToken cancellationToken) =>
        cursors.SetAsync(CursorKey(mailbox), $"{folder.UidValidity}:{lastUid}", cancellationToken);

    private async Task<uint> ImportNewAsync(IMailFolder folder, EmailMailboxOptions mailbox, uint lastUid, CancellationToken cancellationToken)
    {
        if (folder.Count == 0)
            return lastUid;
        var query = lastUid == 0
            ? SearchQuery.All
            : SearchQuery.Uids(new UniqueIdRange(new UniqueId(folder.UidValidity, lastUid + 1), UniqueId.MaxValue));
        var uids = (await folder.SearchAsync(query, cancellationToken)).Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        foreach (var uid in uids)
        {
            await ImportAsync(folder, mailbox, uid, cancellationToken);
            lastUid = uid.Id;
            await SaveCursorAsync(folder, mailbox, lastUid, cancellationToken);
        }
        return lastUid;
    }

    /// <summary>One mail into the hub. Throws only when the hub cannot take it now (then the UID is retried after reconnecting).</summary>
    private async Task ImportAsync(IMailFolder folder, EmailMailboxOptions mailbox, UniqueId uid, CancellationToken cancellationToken)
    {
        byte[] raw;
        try
        {
            await using var stream = await folder.GetStreamAsync(uid, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            raw = buffer.ToArray();
        }
        catch (MessageNotFoundException)
        {
            // Deleted from the folder between the search and the fetch: there is nothing left to import.
            logger.LogInformation("Mailbox {Mailbox}: UID {Uid} was removed before it could be read", mailbox.Key, uid.Id);
            return;
        }
        var where = $"mailbox {mailbox.Address}, folder {folder.FullName}, UID {uid.Id}";
        await using var scope = scopes.CreateAsyncScope();
        var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
        var lookup = scope.ServiceProvider.GetRequiredService<IConversationLookup>();
        var now = time.GetUtcNow().UtcDateTime;

        MimeMessage? message = null;
        string? unreadable = null;
        try
        {
            message = EmailMapper.Load(raw);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to read one mail must not block the mails after it (a poison mail): it is imported as unreadable.
            unreadable = ex.Message;
        }

        ParsedEmail? mail = null;
        if (message is not null)
        {
            try
            {
                mail = EmailMapper.Read(message, raw);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                unreadable = ex.Message;
            }
        }

        if (mail is null)
        {
            await ReceiveUnreadableAsync(sink, lookup, mailbox, message, raw, unreadable ?? "unknown error", where, now, cancellationToken);
            return;
        }

        if (!mail.IsAutomated && options.Value.Mailboxes.Any(m => string.Equals(m.Address, mail.ContactAddress, StringComparison.OrdinalIgnoreCase)))
            mail = mail with { AutomatedReason = $"sent from this hub's own address {mail.ContactAddress}" };
        if (await lookup.FindByProviderMessageIdsAsync(ChannelKind.Email, [mail.MessageId], cancellationToken) is not null)
        {
            logger.LogDebug("Mailbox {Mailbox}: {MessageId} ({Where}) is already in the hub", mailbox.Key, mail.MessageId, where);
        }
        else
        {
            var thread = await ThreadAsync(mail, mailbox, lookup, now, cancellationToken);
            var (stored, notes) = await StoreAttachmentsAsync(mail, where, cancellationToken);
            if (mail.Incomplete)
                notes.Add(await KeepOriginalAsync(raw, stored, "The structure of this mail could not be read", where, cancellationToken));
            var inbound = EmailMapper.ToInbound(mail, thread, stored, notes, options.Value.MaxTextLength, now);
            var result = await sink.ReceiveAsync(inbound, cancellationToken);
            logger.LogInformation("Mailbox {Mailbox}: imported {MessageId} ({Where}) into conversation {ConversationId}{Automated}",
                mailbox.Key, mail.MessageId, where, result.ConversationId, mail.IsAutomated ? $" (automatic: {mail.AutomatedReason})" : "");
        }
        if (mail.Bounce is { OriginalMessageId: { } original } bounce)
            await sink.UpdateStatusAsync(ChannelKind.Email, original, MessageStatus.Failed, bounce.Reason, cancellationToken);
    }

    /// <summary>In-Reply-To/References first, then the sender's conversation with the same subject in the window, else a new one.</summary>
    private async Task<EmailThreadDecision> ThreadAsync(ParsedEmail mail, EmailMailboxOptions mailbox, IConversationLookup lookup, DateTime now, CancellationToken cancellationToken)
    {
        ConversationThread? found = null;
        var ancestors = EmailThreading.Ancestors(mail.InReplyTo, mail.References);
        if (ancestors.Count > 0)
        {
            found = await lookup.FindByProviderMessageIdsAsync(ChannelKind.Email, ancestors, cancellationToken);
            if (found is not null && !string.Equals(found.ContactHandle, mail.ContactAddress, StringComparison.OrdinalIgnoreCase))
                found = null;
        }
        if (found is null)
        {
            var recent = await lookup.FindRecentAsync(ChannelKind.Email, mail.ContactAddress, now - options.Value.SubjectThreadWindow, cancellationToken);
            found = EmailThreading.MatchBySubject(mail.Subject, recent);
        }
        var known = EmailThread.Parse(found?.ThreadKey);
        var showSubject = known is null || EmailThreading.NormalizeSubject(known.Subject) != EmailThreading.NormalizeSubject(mail.Subject);
        // An auto-reply is shown in the thread, but our next reply still answers the customer's last mail.
        var threadKey = mail.IsAutomated && known is not null
            ? found!.ThreadKey!
            : EmailThread.After(mailbox.Key, mail.Subject.Length > 0 ? mail.Subject : known?.Subject ?? "", mail.MessageId,
                [.. mail.References, .. mail.InReplyTo is { } r ? [r] : Array.Empty<string>()], known).Serialize();
        return new EmailThreadDecision(found?.ConversationId, threadKey, showSubject);
    }

    private async Task<(List<Attachment> Stored, List<string> Notes)> StoreAttachmentsAsync(ParsedEmail mail, string where, CancellationToken cancellationToken)
    {
        var stored = new List<Attachment>();
        var notes = new List<string>();
        var limit = options.Value.MaxAttachmentBytes;
        for (var i = 0; i < mail.Attachments.Count; i++)
        {
            var part = mail.Attachments[i];
            var name = EmailMapper.AttachmentName(part, i);
            using var content = new MemoryStream();
            try
            {
                switch (part)
                {
                    case MimePart p when p.Content is not null:
                        await p.Content.DecodeToAsync(content, cancellationToken);
                        break;
                    case MessagePart m when m.Message is not null:
                        await m.Message.WriteToAsync(content, cancellationToken);
                        break;
                }
            }
            catch (Exception ex) when (ex is FormatException or ParseException or InvalidOperationException)
            {
                notes.Add($"Attachment \"{name}\" could not be decoded ({ex.Message}); the mail stays in the {where}.");
                continue;
            }
            if (content.Length > limit)
            {
                notes.Add($"Attachment \"{name}\" ({Size(content.Length)}) was not stored: it is larger than the {Size(limit)} limit " +
                          $"(Channels:Email:MaxAttachmentBytes). The mail stays in the {where}.");
                continue;
            }
            content.Position = 0;
            stored.Add(await attachments.SaveAsync(ChannelKind.Email, name, part.ContentType.MimeType, content, cancellationToken));
        }
        if (mail.Trimmed || mail.Text.Length > options.Value.MaxTextLength)
        {
            using var full = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.FullText));
            stored.Add(await attachments.SaveAsync(ChannelKind.Email, "full-text.txt", "text/plain; charset=utf-8", full, cancellationToken));
        }
        return (stored, notes);
    }

    /// <summary>Attaches the raw mail (when within the size limit) and returns the note for the operator.</summary>
    private async Task<string> KeepOriginalAsync(byte[] raw, List<Attachment> stored, string problem, string where, CancellationToken cancellationToken)
    {
        if (raw.Length > options.Value.MaxAttachmentBytes)
            return $"{problem}; the original ({Size(raw.Length)}) is over the attachment limit and stays in the {where}.";
        using var content = new MemoryStream(raw);
        stored.Add(await attachments.SaveAsync(ChannelKind.Email, "original.eml", "message/rfc822", content, cancellationToken));
        return $"{problem}; the original is attached as original.eml and stays in the {where}.";
    }

    /// <summary>A mail MIME cannot make sense of is still a customer's mail: it goes in with the raw message attached.</summary>
    private async Task ReceiveUnreadableAsync(IInboundSink sink, IConversationLookup lookup, EmailMailboxOptions mailbox, MimeMessage? message, byte[] raw,
        string error, string where, DateTime now, CancellationToken cancellationToken)
    {
        var id = EmailMapper.MessageIdOf(message, raw);
        if (await lookup.FindByProviderMessageIdsAsync(ChannelKind.Email, [id], cancellationToken) is not null)
            return;
        var from = message?.From.Mailboxes.FirstOrDefault();
        var stored = new List<Attachment>();
        var text = await KeepOriginalAsync(raw, stored, $"This mail could not be read ({error})", where, cancellationToken);
        var inbound = new InboundMessage(ChannelKind.Email, from?.Address?.ToLowerInvariant() ?? "unknown-sender@invalid", id, text, now)
        {
            ContactName = from?.Name,
            Attachments = stored,
            NewConversation = true,
            ThreadKey = new EmailThread(mailbox.Key, message?.Subject ?? "", message?.MessageId is { } m ? id : null, []).Serialize(),
        };
        logger.LogWarning("Mailbox {Mailbox}: {Where} could not be read ({Error}); imported with the raw mail attached", mailbox.Key, where, error);
        await sink.ReceiveAsync(inbound, cancellationToken);
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

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
        >= 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => $"{bytes} bytes",
    };
}
