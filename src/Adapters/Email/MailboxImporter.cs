using MailKit;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// Imports the mail of one folder into the hub in UID order, moving the cursor after each mail: dedupe by
/// Message-ID, threading, attachments, and unreadable (poison) mail imported with the raw message attached.
/// </summary>
internal sealed class MailboxImporter(
    IOptions<EmailOptions> options,
    IServiceScopeFactory scopes,
    EmailAttachmentStorage attachments,
    TimeProvider time,
    ILogger logger)
{
    public async Task<uint> ImportNewAsync(IMailFolder folder, EmailMailboxOptions mailbox, uint lastUid, MailboxCursor cursor, CancellationToken cancellationToken)
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
            await cursor.SaveCursorAsync(folder, mailbox, lastUid, cancellationToken);
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
            var (stored, notes) = await attachments.StoreAttachmentsAsync(mail, where, cancellationToken);
            if (mail.Incomplete)
                notes.Add(await attachments.KeepOriginalAsync(raw, stored, "The structure of this mail could not be read", where, cancellationToken));
            var inbound = EmailMapper.ToInbound(mail, thread, stored, notes, options.Value.MaxTextLength, now);
            var result = await sink.ReceiveAsync(inbound, cancellationToken);
            if (result.Refused is { } refused)
                logger.LogWarning("Mailbox {Mailbox}: {Where} left in the mailbox, not imported: {Reason}", mailbox.Key, where, refused);
            else
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
        if (mail.Bounce?.OriginalMessageId is { } bounced)
            ancestors = [bounced, .. ancestors];
        if (ancestors.Count > 0)
        {
            found = await lookup.FindByProviderMessageIdsAsync(ChannelKind.Email, ancestors, cancellationToken);
            // A person's mail joins only their own thread; automatic mail (a bounce from mailer-daemon, an
            // auto-reply from another address) joins the conversation it is about.
            if (found is not null && !mail.IsAutomated && !string.Equals(found.ContactHandle, mail.ContactAddress, StringComparison.OrdinalIgnoreCase))
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

    /// <summary>A mail MIME cannot make sense of is still a customer's mail: it goes in with the raw message attached.</summary>
    private async Task ReceiveUnreadableAsync(IInboundSink sink, IConversationLookup lookup, EmailMailboxOptions mailbox, MimeMessage? message, byte[] raw,
        string error, string where, DateTime now, CancellationToken cancellationToken)
    {
        var id = EmailMapper.MessageIdOf(message, raw);
        if (await lookup.FindByProviderMessageIdsAsync(ChannelKind.Email, [id], cancellationToken) is not null)
            return;
        var from = message?.From.Mailboxes.FirstOrDefault();
        var stored = new List<Attachment>();
        var text = await attachments.KeepOriginalAsync(raw, stored, $"This mail could not be read ({error})", where, cancellationToken);
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
}
