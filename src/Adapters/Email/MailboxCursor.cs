using MailKit;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// The persisted position of one mailbox folder: UIDVALIDITY + the last imported UID, so a restart neither loses
/// nor re-imports mail (a re-import after a UIDVALIDITY change is absorbed by the Message-ID dedupe).
/// </summary>
internal sealed class MailboxCursor(IOptions<EmailOptions> options, IChannelCursorStore cursors, ILogger logger)
{
    private static string CursorKey(EmailMailboxOptions mailbox) => $"email:{mailbox.Key}:{mailbox.Imap.Folder}";

    /// <summary>The UID after which mail is new. A changed UIDVALIDITY means the folder was recreated: import it again.</summary>
    public async Task<uint> StartingUidAsync(IMailFolder folder, EmailMailboxOptions mailbox, CancellationToken cancellationToken)
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

    public Task SaveCursorAsync(IMailFolder folder, EmailMailboxOptions mailbox, uint lastUid, CancellationToken cancellationToken) =>
        cursors.SetAsync(CursorKey(mailbox), $"{folder.UidValidity}:{lastUid}", cancellationToken);
}
