using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// Sends an operator's reply by SMTP from the mailbox the conversation came in on, threaded with our own
/// Message-ID (returned as the provider id, so a bounce or the customer's answer finds the message),
/// In-Reply-To, References and a "Re:" subject. 5xx answers are permanent; everything else is retried by the outbox.
/// </summary>
public sealed class EmailSender(IOptions<EmailOptions> options, IOutboundFiles files, TimeProvider time, ILogger<EmailSender> logger) : IChannelSender
{
    public ChannelKind Channel => ChannelKind.Email;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var thread = EmailThread.Parse(message.ThreadKey);
        var mailboxes = options.Value.Mailboxes;
        var mailbox = mailboxes.FirstOrDefault(m => thread is not null && string.Equals(m.Key, thread.Mailbox, StringComparison.OrdinalIgnoreCase))
            ?? mailboxes.FirstOrDefault();
        if (mailbox is null)
            return SendResult.Permanent("No mailbox is configured (Channels:Email:Mailboxes).");
        if (!MailboxAddress.TryParse(message.ContactHandle, out _))
            return SendResult.Permanent($"'{message.ContactHandle}' is not an email address.");

        var messageId = EmailMapper.NewMessageId(message, mailbox.Address);
        var mime = EmailMapper.ToMime(message, mailbox, thread, messageId, time.GetUtcNow());
        var opened = new List<OutboundFile>();
        try
        {
            // Attached files as MIME parts (base64), after the text.
            foreach (var attachment in message.Attachments)
                opened.Add(await files.OpenAsync(attachment, cancellationToken)
                    ?? throw new InvalidDataException($"The attached file {attachment.Name} is no longer stored."));
            if (opened.Count > 0)
                mime.Body = EmailMapper.WithFiles((TextPart)mime.Body!, opened);
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(mailbox.Smtp.Host, mailbox.Smtp.Port, mailbox.Smtp.Security.ToMailKit(), cancellationToken);
            if (!string.IsNullOrEmpty(mailbox.Smtp.User))
                await smtp.AuthenticateAsync(mailbox.Smtp.User, mailbox.Smtp.Password ?? "", cancellationToken);
            await smtp.SendAsync(mime, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return SendResult.Sent(messageId);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            logger.LogWarning(ex, "SMTP refused message {MessageId} for good", message.MessageId);
            return SendResult.Permanent($"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
                                       or AuthenticationException or SslHandshakeException or SocketException or IOException or TimeoutException)
        {
            logger.LogWarning(ex, "SMTP send of message {MessageId} failed; the outbox retries", message.MessageId);
            return SendResult.Transient(ex is SmtpCommandException command ? $"SMTP {(int)command.StatusCode}: {ex.Message}" : ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return SendResult.Permanent(ex.Message);
        }
        finally
        {
            foreach (var file in opened)
                await file.DisposeAsync();
        }
    }
}
