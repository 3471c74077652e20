using System.Text.RegularExpressions;

namespace Omnichannel.Hub.Canned;

/// <summary>Fills {{variables}} in a canned response. Pure: template and values in, text and the unknown names out.</summary>
public static partial class CannedTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Variable();

    /// <summary>Known variables are replaced by their value; an unknown (or empty) one renders as nothing and is reported.</summary>
    public static (string Text, IReadOnlyList<string> Unknown) Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        var unknown = new List<string>();
        var text = Variable().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
                return value;
            if (!unknown.Contains(name, StringComparer.Ordinal))
                unknown.Add(name);
            return "";
        });
        return (CollapseSpaces(text), unknown);
    }

    /// <summary>"Hi  , thanks" after an empty variable reads "Hi, thanks".</summary>
    private static string CollapseSpaces(string text) =>
        Regex.Replace(Regex.Replace(text, @"[ \t]{2,}", " "), @" ([,.!?;:])", "$1").Trim();

    public static IEnumerable<string> Names(string template) => Variable().Matches(template).Select(m => m.Groups[1].Value).Distinct();
}
