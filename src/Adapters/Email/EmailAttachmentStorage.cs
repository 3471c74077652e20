using Microsoft.Extensions.Options;
using MimeKit;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>Stores a mail's attachments (within the size limit), its full text when trimmed, and the raw original when asked.</summary>
internal sealed class EmailAttachmentStorage(IOptions<EmailOptions> options, IAttachmentStore attachments)
{
    public async Task<(List<Attachment> Stored, List<string> Notes)> StoreAttachmentsAsync(ParsedEmail mail, string where, CancellationToken cancellationToken)
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
    public async Task<string> KeepOriginalAsync(byte[] raw, List<Attachment> stored, string problem, string where, CancellationToken cancellationToken)
    {
        if (raw.Length > options.Value.MaxAttachmentBytes)
            return $"{problem}; the original ({Size(raw.Length)}) is over the attachment limit and stays in the {where}.";
        using var content = new MemoryStream(raw);
        stored.Add(await attachments.SaveAsync(ChannelKind.Email, "original.eml", "message/rfc822", content, cancellationToken));
        return $"{problem}; the original is attached as original.eml and stays in the {where}.";
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
        >= 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => $"{bytes} bytes",
    };
}
