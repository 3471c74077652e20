using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Omnichannel.Adapters.Email;

/// <summary>How a connection to a mail server is secured.</summary>
public enum EmailSecurity
{
    /// <summary>Plain connection (loopback or a trusted network only).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS; refuses servers that do not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    Tls,
    /// <summary>TLS on 993/465, STARTTLS when offered elsewhere.</summary>
    Auto,
}

/// <summary>Bound from <c>Channels:Email</c>. The channel is active when at least one mailbox is configured.</summary>
public sealed class EmailOptions
{
    public const string Section = "Channels:Email";

    public List<EmailMailboxOptions> Mailboxes { get; set; } = [];

    /// <summary>Use IMAP IDLE when the server supports it (new mail shows up at once).</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>How often to look for new mail when the server has no IDLE (or it is turned off).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>IDLE is restarted this often so servers and middleboxes do not drop a silent connection (RFC 2177: under 29 min).</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>First wait before reconnecting after an error; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest attachment stored, in bytes. A larger one is left in the mailbox and the operator sees a note.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A mail without In-Reply-To/References joins the sender's conversation with the same normalized subject
    /// if that conversation had a message within this window; otherwise it opens a new conversation.</summary>
    public TimeSpan SubjectThreadWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Import the mail already in the folder the very first time a mailbox is connected (otherwise only new mail).</summary>
    public bool ImportExisting { get; set; }

    /// <summary>Longest text shown per mail, in characters (the full mail stays available as an attachment).</summary>
    public int MaxTextLength { get; set; } = 20_000;
}

/// <summary>One mailbox the hub answers from: where mail is read (IMAP) and how replies leave (SMTP).</summary>
public sealed class EmailMailboxOptions
{
    /// <summary>Stable name of the mailbox (cursor key, logs). Defaults to <see cref="Address"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The address replies are sent from, e.g. support@example.com.</summary>
    public string Address { get; set; } = "";

    /// <summary>Display name on replies, e.g. "Example Support".</summary>
    public string? DisplayName { get; set; }

    public ImapServerOptions Imap { get; set; } = new();

    public SmtpServerOptions Smtp { get; set; } = new();

    public string Key => string.IsNullOrWhiteSpace(Name) ? Address : Name;
}

public sealed class ImapServerOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public EmailSecurity Security { get; set; } = EmailSecurity.Tls;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string Folder { get; set; } = "INBOX";
}

public sealed class SmtpServerOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;
    /// <summary>Empty for servers that relay without authentication.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }
}

internal static class EmailSecurityExtensions
{
    public static SecureSocketOptions ToMailKit(this EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>Checks every mailbox at start so a typo fails the hub's start, not the first mail.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero) problems.Add("Channels:Email:PollInterval must be positive.");
        if (options.IdleRefresh <= TimeSpan.Zero || options.IdleRefresh > TimeSpan.FromMinutes(29)) problems.Add("Channels:Email:IdleRefresh must be between 0 and 29 minutes.");
        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay) problems.Add("Channels:Email:ReconnectMinDelay must be positive and not above ReconnectMaxDelay.");
        if (options.MaxAttachmentBytes <= 0) problems.Add("Channels:Email:MaxAttachmentBytes must be positive.");
        if (options.MaxTextLength < 100) problems.Add("Channels:Email:MaxTextLength must be at least 100.");
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Mailboxes.Count; i++)
        {
            var m = options.Mailboxes[i];
            var at = $"Channels:Email:Mailboxes:{i}";
            if (!MimeKit.MailboxAddress.TryParse(m.Address, out var address) || !address.Address.Contains('@'))
                problems.Add($"{at}:Address must be an email address.");
            if (!keys.Add(m.Key)) problems.Add($"{at}: two mailboxes are named '{m.Key}'.");
            if (string.IsNullOrWhiteSpace(m.Imap.Host)) problems.Add($"{at}:Imap:Host is required.");
            if (m.Imap.Port is < 1 or > 65535) problems.Add($"{at}:Imap:Port must be a TCP port.");
            if (string.IsNullOrWhiteSpace(m.Imap.User)) problems.Add($"{at}:Imap:User is required.");
            if (string.IsNullOrWhiteSpace(m.Imap.Folder)) problems.Add($"{at}:Imap:Folder is required.");
            if (string.IsNullOrWhiteSpace(m.Smtp.Host)) problems.Add($"{at}:Smtp:Host is required.");
            if (m.Smtp.Port is < 1 or > 65535) problems.Add($"{at}:Smtp:Port must be a TCP port.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
