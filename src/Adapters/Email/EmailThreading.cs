using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// What an email conversation remembers to thread replies (stored as the conversation's ThreadKey):
/// the mailbox it arrived in, its subject, the Message-ID to answer and the References chain.
/// Message-IDs are kept without angle brackets, as MimeKit gives them.
/// </summary>
public sealed record EmailThread(
    [property: JsonPropertyName("mb")] string Mailbox,
    [property: JsonPropertyName("s")] string Subject,
    [property: JsonPropertyName("m")] string? LastMessageId,
    [property: JsonPropertyName("r")] IReadOnlyList<string> References)
{
    /// <summary>The References header of a reply is capped (RFC 5322 suggests trimming long chains): first plus the newest.</summary>
    public const int MaxReferences = 20;

    public string Serialize() => JsonSerializer.Serialize(this);

    public static EmailThread? Parse(string? threadKey)
    {
        if (string.IsNullOrWhiteSpace(threadKey))
            return null;
        try
        {
            return JsonSerializer.Deserialize<EmailThread>(threadKey);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The thread after a mail: it answers that mail, with the chain it carried plus what we knew.</summary>
    public static EmailThread After(string mailbox, string subject, string messageId, IEnumerable<string> mailReferences, EmailThread? known)
    {
        var chain = new List<string>();
        foreach (var id in (known?.References ?? []).Concat(known?.LastMessageId is { } last ? [last] : []).Concat(mailReferences))
            if (!chain.Contains(id))
                chain.Add(id);
        chain.Remove(messageId);
        return new EmailThread(mailbox, subject, messageId, Cap(chain));
    }

    /// <summary>References for a reply to this thread: the chain plus the message answered.</summary>
    public IReadOnlyList<string> ReplyReferences()
    {
        var chain = References.ToList();
        if (LastMessageId is { } last && !chain.Contains(last))
            chain.Add(last);
        return Cap(chain);
    }

    private static List<string> Cap(List<string> chain) =>
        chain.Count <= MaxReferences ? chain : [chain[0], .. chain.Skip(chain.Count - (MaxReferences - 1))];
}

/// <summary>Pure threading decisions for incoming mail.</summary>
public static partial class EmailThreading
{
    // Re:, RE[2]:, Fwd:, Fw:, and the usual translations (AW, WG, SV, VS, Antw, Doorst, RIF, Odp, TR, Rép).
    [GeneratedRegex(@"^\s*((re|fwd?|aw|wg|sv|vs|antw|doorst|rif|odp|tr|r[ée]p|ynt|atb)(\s*\[\d+\]|\s*\(\d+\))?\s*[:：]\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>"RE: Fwd: Re[2]:  Order  42" → "order 42": what two mails of one thread share.</summary>
    public static string NormalizeSubject(string? subject)
    {
        var s = subject ?? "";
        string before;
        do
        {
            before = s;
            s = ReplyPrefix().Replace(s, "");
        } while (s != before);
        return Spaces().Replace(s, " ").Trim().ToLowerInvariant();
    }

    /// <summary>The subject of a reply: "Re: " once, in front of the thread's subject.</summary>
    public static string ReplySubject(string? subject)
    {
        var s = (subject ?? "").Trim();
        if (s.Length == 0)
            return "Re: your message";
        return ReplyPrefix().IsMatch(s) && s.StartsWith("re", StringComparison.OrdinalIgnoreCase) ? s : $"Re: {s}";
    }

    /// <summary>The ids a mail points back to, nearest first: In-Reply-To, then References newest to oldest.</summary>
    public static IReadOnlyList<string> Ancestors(string? inReplyTo, IEnumerable<string> references)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(inReplyTo))
            ids.Add(inReplyTo);
        foreach (var id in references.Reverse())
            if (!string.IsNullOrWhiteSpace(id) && !ids.Contains(id))
                ids.Add(id);
        return ids;
    }

    /// <summary>
    /// Second rule, once no referenced Message-ID is known: the sender's most recent conversation in the window
    /// whose subject normalizes the same. An empty subject never matches (it says nothing about the thread).
    /// </summary>
    public static ConversationThread? MatchBySubject(string? subject, IEnumerable<ConversationThread> recent)
    {
        var normalized = NormalizeSubject(subject);
        if (normalized.Length == 0)
            return null;
        return recent
            .Where(c => EmailThread.Parse(c.ThreadKey) is { } t && NormalizeSubject(t.Subject) == normalized)
            .OrderByDescending(c => c.LastMessageAt)
            .FirstOrDefault();
    }
}
