using System.Collections.Concurrent;

namespace Omnichannel.Hub.Realtime;

/// <summary>To operators: the visitor is typing (or stopped), with what they typed so far unless Widget:TypingPreview is off.</summary>
public sealed record VisitorTypingDto(long ConversationId, bool Typing, string? Preview);

/// <summary>To the visitor: the operator answering them is typing (or stopped).</summary>
public sealed record OperatorTypingDto(long ConversationId, string Name, bool Typing);

public sealed record OperatorTypingRequest(bool Typing);

/// <summary>Pure: what of the visitor's draft operators may see.</summary>
public static class TypingRules
{
    public const int MaxPreview = 200;

    /// <summary>How often one side's typing reaches the other side, at most.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    /// <returns>null when previews are off or the box is empty; otherwise the draft, its end kept when it is long.</returns>
    public static string? Preview(string? draft, bool previewEnabled)
    {
        if (!previewEnabled || string.IsNullOrWhiteSpace(draft))
            return null;
        var text = draft.Trim();
        return text.Length <= MaxPreview ? text : "…" + text[^(MaxPreview - 1)..];
    }
}

/// <summary>
/// At most one typing event per <see cref="TypingRules.MinInterval"/> per sender (visitor, or operator and conversation),
/// whatever the client does. In memory on purpose: typing is never stored, and losing it on a restart loses nothing.
/// </summary>
public sealed class TypingThrottle(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> last = new();

    public bool Allow(string sender)
    {
        var now = time.GetUtcNow();
        if (last.Count > 10_000)
            foreach (var (key, at) in last)
                if (now - at > TimeSpan.FromMinutes(1))
                    last.TryRemove(key, out _);
        while (true)
        {
            if (!last.TryGetValue(sender, out var previous))
            {
                if (last.TryAdd(sender, now))
                    return true;
                continue;
            }
            if (now - previous < TypingRules.MinInterval)
                return false;
            if (last.TryUpdate(sender, now, previous))
                return true;
        }
    }
}
