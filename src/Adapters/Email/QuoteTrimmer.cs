using System.Text.RegularExpressions;

namespace Omnichannel.Adapters.Email;

/// <summary>
/// Cuts what the operator does not need to read in a reply: the quoted history ("On … wrote:", "&gt; " lines,
/// "-----Original Message-----", Outlook's "From: … Sent: …" block) and the signature ("-- ", "Sent from my …").
/// The full text is always kept as well; when trimming would leave nothing, nothing is trimmed.
/// </summary>
public static partial class QuoteTrimmer
{
    [GeneratedRegex(@"^\s*(On|Am|Le|El|Il|Op|Em|Den|På)\s.{3,200}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)(\s.{1,200})?\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message)\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*\*?(From|Von|De|Van)\s*:\*?\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\s*\*?(Sent|Gesendet|Envoyé|Date|Datum|To|An|À)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookNext();

    [GeneratedRegex(@"^\s*(Sent from my |Get Outlook for |Von meinem .* gesendet)", RegexOptions.IgnoreCase)]
    private static partial Regex MobileSignature();

    public sealed record Result(string Text, bool Trimmed);

    public static Result Trim(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var cut = FindCut(lines);
        if (cut is null)
            return new Result(text.Trim(), false);
        var kept = string.Join("\n", lines[..cut.Value]).Trim();
        return kept.Length == 0 ? new Result(text.Trim(), false) : new Result(kept, true);
    }

    private static int? FindCut(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line == "-- " || line == "--" || MobileSignature().IsMatch(line) || OriginalMessage().IsMatch(line))
                return i;
            if (Attribution().IsMatch(line))
                return i;
            // "On Tue, 3 Jun 2025 at 10:00, Ada <ada@example.com>" wrapped over two lines, then "wrote:".
            if (i + 1 < lines.Length && Attribution().IsMatch(line + " " + lines[i + 1].Trim()))
                return i;
            if (OutlookFrom().IsMatch(line) && i + 1 < lines.Length && OutlookNext().IsMatch(lines[i + 1]))
                return i;
            // A block of "> " lines that runs to the end (bottom quote) is history.
            if (line.StartsWith('>') && lines.Skip(i).All(l => l.StartsWith('>') || l.Trim().Length == 0))
                return i;
        }
        return null;
    }
}
