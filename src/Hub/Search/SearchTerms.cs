using System.Text;

namespace Omnichannel.Hub.Search;

/// <summary>Pure: turns what an operator typed into words. Quotes, operators, brackets, stars and colons are never syntax.</summary>
public static class SearchTerms
{
    public const int MaxTerms = 8;

    /// <summary>Letters and digits (any script) form words; everything else separates them.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text ?? "")
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
                continue;
            }
            Flush();
        }
        Flush();
        return [.. words.Distinct().Take(MaxTerms)];

        void Flush()
        {
            if (current.Length > 0)
                words.Add(current.Length > 64 ? current.ToString(0, 64) : current.ToString());
            current.Clear();
        }
    }

    /// <summary>An FTS5 MATCH expression: every word must occur; the last one also as a prefix (search as you type).</summary>
    public static string? Fts5(IReadOnlyList<string> words) =>
        words.Count == 0 ? null : string.Join(" AND ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));
}
