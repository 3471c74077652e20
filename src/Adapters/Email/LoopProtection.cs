using MimeKit;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// RFC 3834: mail written by a machine (auto-replies, bounces, mailing lists) must never get an automatic
/// answer, and it is not a customer waiting for one. Returns why a mail is automatic, or null for a person's mail.
/// </summary>
public static class LoopProtection
{
    private static readonly string[] MachineSenders = ["mailer-daemon", "postmaster", "listserv", "majordomo", "noreply", "no-reply", "donotreply", "do-not-reply"];

    public static string? AutomatedReason(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !FirstToken(autoSubmitted).Equals("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        if (headers.Contains(HeaderId.ReturnPath) && IsEmptyPath(headers[HeaderId.ReturnPath]))
            return "empty Return-Path (a delivery report)";
        if (IsReport(message.Body))
            return "multipart/report (a delivery or read report)";
        if (headers[HeaderId.Precedence] is { } precedence && FirstToken(precedence).ToLowerInvariant() is "bulk" or "junk" or "list")
            return $"Precedence: {precedence.Trim()}";
        if (headers.Contains(HeaderId.ListId))
            return "List-Id (mailing list)";
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond"))
            return "X-Autoreply (auto-responder)";
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? message.Sender?.Address;
        if (from is not null)
        {
            var local = from.Split('@')[0].ToLowerInvariant();
            if (MachineSenders.Contains(local) || local.StartsWith("owner-", StringComparison.Ordinal) || local.EndsWith("-request", StringComparison.Ordinal))
                return $"sent by {from}";
        }
        return null;
    }

    private static bool IsReport(MimeEntity? body) =>
        body is not null && body.ContentType.IsMimeType("multipart", "report");

    private static bool IsEmptyPath(string? value)
    {
        var v = (value ?? "").Trim();
        return v.Length == 0 || v == "<>";
    }

    private static string FirstToken(string value) => value.Split(';', 2)[0].Trim();
}
