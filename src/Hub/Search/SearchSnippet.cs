using System.Globalization;
using System.Text;

namespace Omnichannel.Hub.Search;

/// <summary>
/// Pure: the highlighted snippet of one hit, made the same way for every engine (so SQLite and PostgreSQL show the
/// same words marked, also inside e-mail addresses and URLs). Words are letters and digits, compared without case and
/// accents, as the indexes compare them; the last search word also matches as a prefix. Only the page's hits get one.
/// </summary>
public static class SearchSnippet
{
    /// <summary>Words shown around the best match; a shorter text is shown whole.</summary>
    public const int Window = 24;

    public const string Ellipsis = "…";

    /// <summary>SQL (SQLite and PostgreSQL alike) for what a contact hit shows: name, e-mail, phone and notes about them.</summary>
    public const string ContactText = "k.\"DisplayName\" || coalesce(' · ' || k.\"Email\", '') || coalesce(' · ' || k.\"Phone\", '') || coalesce(' · ' || k.\"About\", '')";

    public static string Make(string text, IReadOnlyList<string> words)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
            return "";
        var wanted = words.Select(Fold).ToList();
        var matches = tokens.Select(t => Match(Fold(text.Substring(t.Start, t.Length)), wanted)).ToList();
        var first = BestStart(matches);
        var last = Math.Min(tokens.Count, first + Window) - 1;
        var from = first == 0 ? 0 : tokens[first].Start;
        var to = last == tokens.Count - 1 ? text.Length : tokens[last].Start + tokens[last].Length;
        var snippet = new StringBuilder(first == 0 ? "" : Ellipsis);
        var at = from;
        for (var i = first; i <= last; i++)
        {
            if (matches[i] < 0)
                continue;
            snippet.Append(Clean(text[at..tokens[i].Start])).Append(SearchMarks.Start)
                .Append(Clean(text.Substring(tokens[i].Start, tokens[i].Length))).Append(SearchMarks.End);
            at = tokens[i].Start + tokens[i].Length;
        }
        snippet.Append(Clean(text[at..to]));
        return last == tokens.Count - 1 ? snippet.ToString() : snippet.Append(Ellipsis).ToString();
    }

    /// <summary>The first token of the window with the most different search words, then the most matches.</summary>
    private static int BestStart(List<int> matches)
    {
        var (best, bestScore) = (0, -1);
        var firstMatch = matches.FindIndex(m => m >= 0);
        for (var start = Math.Max(0, firstMatch); start < matches.Count; start++)
        {
            if (matches[start] < 0)
                continue;
            var window = matches.Skip(start).Take(Window).Where(m => m >= 0).ToList();
            var score = window.Distinct().Count() * 1000 + window.Count;
            if (score > bestScore)
                (best, bestScore) = (start, score);
        }
        // Start a little before the match when the text allows it, so the words are read in context.
        return matches.Count <= Window ? 0 : Math.Max(0, Math.Min(best - 3, matches.Count - Window));
    }

    /// <summary>Which search word the token is (-1 for none): exactly, or as a prefix for the last word.</summary>
    private static int Match(string token, List<string> wanted)
    {
        for (var i = 0; i < wanted.Count; i++)
            if (token == wanted[i] || (i == wanted.Count - 1 && token.StartsWith(wanted[i], StringComparison.Ordinal)))
                return i;
        return -1;
    }

    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text, i) || CharUnicodeInfo.GetUnicodeCategory(text, i) == UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add((start, i - start));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Lower case without accents (é → e, ë → e), as FTS5's remove_diacritics and PostgreSQL's unaccent fold.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
                folded.Append(ch);
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The marks are the only markup a snippet carries: any in the stored text are blanked.</summary>
    private static string Clean(string part) => part.Replace(SearchMarks.Start, " ", StringComparison.Ordinal).Replace(SearchMarks.End, " ", StringComparison.Ordinal);
}
