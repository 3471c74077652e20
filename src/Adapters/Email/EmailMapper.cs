using System.Security.Cryptography;
using MimeKit;
using MimeKit.Utils;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>A delivery status report (bounce) about one of our messages.</summary>
/// <param name="OriginalMessageId">The Message-ID of the mail that could not be delivered, when the report names it.</param>
public sealed record BounceReport(string? OriginalMessageId, string Reason);

/// <summary>One incoming mail, read and normalized, before anything is stored.</summary>
public sealed record ParsedEmail(
    string MessageId,
    string ContactAddress,
    string? ContactName,
    string Subject,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string Text,
    string FullText,
    bool Trimmed,
    IReadOnlyList<MimeEntity> Attachments,
    string? AutomatedReason,
    BounceReport? Bounce,
    bool Incomplete = false)
{
    public bool IsAutomated => AutomatedReason is not null;
}

/// <summary>Pure mapping between MIME and the hub's normalized messages. No I/O.</summary>
public static class EmailMapper
{
    public const int MaxMessageIdLength = 250;

    /// <summary>Mail comes in every legacy charset (windows-125x, KOI8-R, ISO-2022-JP, Shift_JIS…); .NET knows them
    /// only once the code pages provider is registered, otherwise MimeKit falls back to Latin-1.</summary>
    /// <remarks>Call before MimeKit first looks up a charset (it remembers what it found): the channel registration does.</remarks>
    public static void RegisterLegacyCharsets() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    static EmailMapper() => RegisterLegacyCharsets();

    /// <summary>Parses raw RFC 5322 bytes. MimeKit is tolerant; this throws only on input it cannot make sense of at all.</summary>
    public static MimeMessage Load(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        return MimeMessage.Load(stream);
    }

    public static ParsedEmail Read(MimeMessage message, byte[] raw)
    {
        var (full, _) = BodyText(message);
        full = HtmlToPlainText.Tidy(full);
        var trimmed = QuoteTrimmer.Trim(full);
        var attachments = AttachmentsOf(message);
        // The contact is who wrote (From), not where a newsletter or form wants answers to go (Reply-To).
        var contact = message.From.Mailboxes.FirstOrDefault()
            ?? message.Sender
            ?? message.ReplyTo.Mailboxes.FirstOrDefault();
        return new ParsedEmail(
            MessageIdOf(message, raw),
            contact?.Address?.Trim().ToLowerInvariant() is { Length: > 0 } address ? address : "unknown-sender@invalid",
            (message.From.Mailboxes.FirstOrDefault() ?? contact)?.Name is { Length: > 0 } name ? name.Trim() : null,
            message.Subject?.Trim() ?? "",
            Clean(message.InReplyTo),
            [.. message.References.Select(Clean).OfType<string>()],
            trimmed.Text,
            full,
            trimmed.Trimmed,
            attachments,
            LoopProtection.AutomatedReason(message),
            ReadBounce(message),
            Incomplete: full.Trim().Length == 0 && attachments.Count == 0 && HasBody(raw));
    }

    /// <summary>True when the raw mail has something after its header block (then an empty parse lost it).</summary>
    public static bool HasBody(byte[] raw)
    {
        var span = raw.AsSpan();
        var end = span.IndexOf("\r\n\r\n"u8);
        var skip = 4;
        if (end < 0)
        {
            end = span.IndexOf("\n\n"u8);
            skip = 2;
        }
        if (end < 0)
            return false;
        foreach (var b in span[(end + skip)..])
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return true;
        return false;
    }

    /// <summary>The dedupe key: the Message-ID, or a hash of the raw mail when it has none (or an absurd one).</summary>
    public static string MessageIdOf(MimeMessage? message, byte[] raw)
    {
        var id = Clean(message?.MessageId);
        return id is { Length: > 0 and <= MaxMessageIdLength } ? id : FallbackMessageId(raw);
    }

    public static string FallbackMessageId(byte[] raw) => $"sha256.{Convert.ToHexStringLower(SHA256.HashData(raw))}@omnichannel.invalid";

    /// <summary>Plain text is preferred; an HTML-only mail is converted to readable text.</summary>
    public static (string Text, bool FromHtml) BodyText(MimeMessage message)
    {
        if (message.TextBody is { } text && text.Trim().Length > 0)
            return (text, false);
        if (message.HtmlBody is { } html && html.Trim().Length > 0)
            return (HtmlToPlainText.Convert(html), true);
        return (message.TextBody ?? "", false);
    }

    /// <summary>Everything that is not the text body: files, inline images, forwarded mails.</summary>
    public static IReadOnlyList<MimeEntity> AttachmentsOf(MimeMessage message)
    {
        var result = new List<MimeEntity>();
        foreach (var part in message.BodyParts)
        {
            if (part is TextPart text && !text.IsAttachment && (text.IsPlain || text.IsHtml))
                continue;
            if (part is MessageDeliveryStatus)
                continue;
            result.Add(part);
        }
        return result;
    }

    public static string AttachmentName(MimeEntity part, int index) => part switch
    {
        MimePart p when !string.IsNullOrWhiteSpace(p.FileName) => Path.GetFileName(p.FileName.Trim()),
        MessagePart m => $"{Safe(m.Message?.Subject) ?? "forwarded"}.eml",
        _ => $"attachment-{index + 1}{Extension(part.ContentType)}",
    };

    private static string? Safe(string? subject) =>
        string.IsNullOrWhiteSpace(subject) ? null : string.Concat(subject.Trim().Take(60).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));

    private static string Extension(ContentType type) =>
        MimeTypes.TryGetExtension(type.MimeType, out var ext) ? ext : ".bin";

    /// <summary>A multipart/report of type delivery-status with a failed recipient is a bounce.</summary>
    public static BounceReport? ReadBounce(MimeMessage message)
    {
        var report = Find<MultipartReport>(message.Body);
        if (report is null || !string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
            return null;
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var failures = status?.StatusGroups.Skip(1)
            .Where(g => (g["Action"] ?? "").Trim().StartsWith("failed", StringComparison.OrdinalIgnoreCase))
            .Select(g => Describe(g))
            .ToList() ?? [];
        if (failures.Count == 0)
            return null;
        var original = report.OfType<MessagePart>().Select(p => Clean(p.Message?.MessageId)).FirstOrDefault(id => id is not null)
            ?? Clean(message.InReplyTo)
            ?? message.References.Select(Clean).LastOrDefault(id => id is not null);
        return new BounceReport(original, $"Bounced: {string.Join("; ", failures)}");
    }

    private static string Describe(HeaderList group)
    {
        var recipient = (group["Final-Recipient"] ?? group["Original-Recipient"] ?? "").Split(';').Last().Trim();
        var parts = new[] { recipient, group["Status"]?.Trim(), group["Diagnostic-Code"]?.Split(';', 2).Last().Trim() }
            .Where(p => !string.IsNullOrEmpty(p));
        return string.Join(" ", parts);
    }

    private static T? Find<T>(MimeEntity? entity) where T : MimeEntity => entity switch
    {
        T found => found,
        Multipart multipart => multipart.Select(Find<T>).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private static string? Clean(string? messageId)
    {
        var id = messageId?.Trim().Trim('<', '>').Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    /// <summary>The normalized message: display text (+ subject when it starts a thread, + notes), attachments, threading.</summary>
    public static InboundMessage ToInbound(ParsedEmail mail, EmailThreadDecision thread, IReadOnlyList<Attachment> attachments, IReadOnlyList<string> notes, int maxText, DateTime receivedAt)
    {
        var text = mail.Text;
        if (text.Length > maxText)
            text = text[..maxText] + "\n[…the rest of this mail is in the attached full text]";
        if (text.Length == 0)
            text = attachments.Count > 0 ? "(no text, see the attachments)" : "(empty mail)";
        if (thread.ShowSubject && mail.Subject.Length > 0)
            text = $"Subject: {mail.Subject}\n\n{text}";
        if (mail.AutomatedReason is { } why)
            text = $"[Automatic mail: {why}. The hub never answers it by itself.]\n{text}";
        foreach (var note in notes)
            text += $"\n\n[{note}]";
        return new InboundMessage(ChannelKind.Email, mail.ContactAddress, mail.MessageId, text, receivedAt)
        {
            ContactName = mail.ContactName,
            Attachments = attachments,
            ConversationId = thread.ConversationId,
            NewConversation = thread.ConversationId is null,
            ThreadKey = thread.ThreadKey,
            IsAutomated = mail.IsAutomated,
        };
    }

    /// <summary>An operator's reply as a mail threaded into the conversation.</summary>
    public static MimeMessage ToMime(OutboundMessage reply, EmailMailboxOptions mailbox, EmailThread? thread, string messageId, DateTimeOffset date)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(mailbox.DisplayName ?? "", mailbox.Address));
        mime.To.Add(MailboxAddress.Parse(reply.ContactHandle));
        mime.Subject = EmailThreading.ReplySubject(thread?.Subject);
        mime.MessageId = messageId;
        mime.Date = date;
        if (thread?.LastMessageId is { } answered)
        {
            mime.InReplyTo = answered;
            foreach (var id in thread.ReplyReferences())
                mime.References.Add(id);
        }
        mime.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = reply.Text };
        return mime;
    }

    /// <summary>The text and the operator's files as multipart/mixed (each file an attachment part, base64).</summary>
    public static Multipart WithFiles(TextPart text, IEnumerable<OutboundFile> files)
    {
        var mixed = new Multipart("mixed") { text };
        foreach (var file in files)
            mixed.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(file.Content),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.Name,
            });
        return mixed;
    }

    /// <summary>Our own Message-ID: names the conversation and message (handy in logs) and is unique across hubs.</summary>
    public static string NewMessageId(OutboundMessage reply, string fromAddress)
    {
        var domain = fromAddress.Contains('@') ? fromAddress[(fromAddress.LastIndexOf('@') + 1)..] : "omnichannel.invalid";
        return $"omni.{reply.ConversationId}.{reply.MessageId}.{MimeUtils.GenerateMessageId(domain)}";
    }
}

/// <summary>Where threading put a mail.</summary>
/// <param name="ConversationId">The conversation it joins, or null for a new one.</param>
/// <param name="ThreadKey">The conversation's thread after this mail.</param>
/// <param name="ShowSubject">Show the subject with the text (it starts a thread or changes the subject).</param>
public sealed record EmailThreadDecision(long? ConversationId, string ThreadKey, bool ShowSubject);
