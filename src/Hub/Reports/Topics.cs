using System.Globalization;
using System.Text;

namespace Omnichannel.Hub.Reports;

/// <summary>A first message and what followed it (for "took longest to answer" and "low CSAT").</summary>
public sealed record FirstMessage(long ConversationId, string Text, double? FirstResponseSeconds, int? Csat);

public sealed record Keyword(string Term, int Conversations);

/// <summary>A frequent question: conversations whose first message holds all of its key terms.</summary>
public sealed record FrequentQuestion(string Question, IReadOnlyList<string> KeyTerms, int Conversations, double? MeanFirstResponseSeconds, double? CsatAverage, IReadOnlyList<string> Examples);

public sealed record TopicReport(int Messages, IReadOnlyList<Keyword> Keywords, IReadOnlyList<FrequentQuestion> Questions);

/// <summary>
/// Pure: what customers ask, from their first messages, with no external model. Tokenise (letters only, accents folded,
/// plural s stripped), drop English and Dutch stop words, count 1–3-grams by the number of conversations that use them,
/// and group the messages: shortest first, a message joins the first group whose key terms it contains all of,
/// otherwise it starts a group with its own terms.
/// </summary>
public static class Topics
{
    public static TopicReport Analyse(IReadOnlyList<FirstMessage> messages, int keywords = 20, int questions = 20, int minimumGroup = 2)
    {
        var tokenised = messages.Select(m => (Message: m, Terms: Tokenise(m.Text))).Where(t => t.Terms.Count > 0).ToList();
        var grams = tokenised
            .SelectMany(t => NGrams(t.Terms).Distinct())
            .GroupBy(g => g).Select(g => new Keyword(g.Key, g.Count()))
            .Where(k => k.Conversations >= minimumGroup)
            .OrderByDescending(k => k.Conversations).ThenByDescending(k => k.Term.Count(c => c == ' ')).ThenBy(k => k.Term, StringComparer.Ordinal)
            .Take(keywords).ToList();
        var groups = new List<(HashSet<string> Key, List<FirstMessage> Members)>();
        foreach (var (message, terms) in tokenised.OrderBy(t => t.Terms.Distinct().Count()).ThenBy(t => t.Message.ConversationId))
        {
            var set = terms.ToHashSet(StringComparer.Ordinal);
            var group = groups.FirstOrDefault(g => g.Key.IsSubsetOf(set));
            if (group.Key is null)
                groups.Add((set, [message]));
            else
                group.Members.Add(message);
        }
        var frequent = groups.Where(g => g.Members.Count >= minimumGroup)
            .OrderByDescending(g => g.Members.Count).ThenBy(g => string.Join(' ', g.Key.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .Take(questions)
            .Select(g => new FrequentQuestion(Representative(g.Members), [.. g.Key.Order(StringComparer.Ordinal)], g.Members.Count,
                Mean(g.Members.Select(m => m.FirstResponseSeconds)), Mean(g.Members.Select(m => (double?)m.Csat)),
                [.. g.Members.Select(m => m.Text.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Take(3)]))
            .ToList();
        return new TopicReport(messages.Count, grams, frequent);
    }

    /// <summary>Lower-case words of letters only, accents folded, stop words dropped, a plural s stripped.</summary>
    public static List<string> Tokenise(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
                folded.Append(char.ToLowerInvariant(ch));
        var terms = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            var w = word.ToString().Replace("'", "", StringComparison.Ordinal);
            word.Clear();
            if (w.Length < 2 || w.Any(char.IsDigit) || StopWords.All.Contains(w))
                return;
            terms.Add(w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w);
        }
        foreach (var ch in folded.ToString())
        {
            if (char.IsLetterOrDigit(ch) || ch == '\'' && word.Length > 0)
                word.Append(ch);
            else
                Flush();
        }
        Flush();
        return terms;
    }

    private static IEnumerable<string> NGrams(List<string> terms)
    {
        for (var n = 1; n <= 3; n++)
            for (var i = 0; i + n <= terms.Count; i++)
                yield return string.Join(' ', terms.Skip(i).Take(n));
    }

    /// <summary>
    /// The most common wording among the group's plainest messages (no terms beyond the key), with greetings, thanks and
    /// punctuation trimmed from both ends; the shortest on a tie.
    /// </summary>
    private static string Representative(List<FirstMessage> members)
    {
        var fewest = members.Min(m => Tokenise(m.Text).Distinct().Count());
        var best = members.Where(m => Tokenise(m.Text).Distinct().Count() == fewest).Select(m => Clean(m.Text))
            .GroupBy(t => t.ToLowerInvariant())
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).First().First();
        return best.Length == 0 ? members[0].Text.Trim() : char.ToUpperInvariant(best[0]) + best[1..];
    }

    /// <summary>Drops leading and trailing words that carry nothing (stop words, numbers, punctuation).</summary>
    private static string Clean(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        static bool Empty(string word)
        {
            var letters = new string([.. word.Where(char.IsLetter)]).ToLowerInvariant();
            return letters.Length == 0 || StopWords.All.Contains(letters) || word.Any(char.IsDigit);
        }
        while (words.Count > 0 && Empty(words[0]) && !words.Skip(1).All(Empty))
            words.RemoveAt(0);
        while (words.Count > 0 && Empty(words[^1]))
            words.RemoveAt(words.Count - 1);
        return string.Join(' ', words).Trim('?', '!', '.', ',', ';', ':', ' ');
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 1);
    }
}
