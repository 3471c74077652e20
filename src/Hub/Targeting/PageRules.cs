namespace Omnichannel.Hub.Targeting;

/// <summary>Where the widget appears (<see cref="Exclude"/> false) or never does (true): a URL path glob, "*" = anything.</summary>
public sealed class PageRule
{
    public long Id { get; set; }
    /// <summary>A path glob such as "/cart*", "/product/*", "/checkout/payment*".</summary>
    public required string Pattern { get; set; }
    public bool Exclude { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Pure: URL path globs with exclusions. The loader runs the same rules (src/Widget/src/loader/rules.ts).</summary>
public static class PageGlob
{
    /// <summary>"*" matches any run of characters (slashes too); everything else literally, case-insensitive, whole path.
    /// A greedy two-pointer match that only ever backtracks to the last "*": time is at most pattern × path, never
    /// exponential, whatever an admin saves (no regex, no timeout, no 500).</summary>
    public static bool Matches(string pattern, string path)
    {
        int p = 0, s = 0, star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(path[s]))
            {
                p++;
                s++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    /// <summary>
    /// Shown when no exclusion matches and (there are no inclusions, or one matches). No rules at all: everywhere.
    /// </summary>
    public static bool Shows(IEnumerable<(string Pattern, bool Exclude)> rules, string path)
    {
        var list = rules.ToList();
        if (list.Any(r => r.Exclude && Matches(r.Pattern, path)))
            return false;
        var includes = list.Where(r => !r.Exclude).ToList();
        return includes.Count == 0 || includes.Any(r => Matches(r.Pattern, path));
    }

    /// <summary>An owner's glob is a path: starts with "/" (or is "*"), at most 300 characters, no spaces.</summary>
    public static string? Invalid(string? pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? "The pattern is empty."
        : pattern.Length > 300 ? "The pattern is longer than 300 characters."
        : !(pattern.StartsWith('/') || pattern.StartsWith('*')) ? "The pattern must start with '/' or '*', e.g. /cart* or /product/*."
        : pattern.Any(char.IsWhiteSpace) ? "The pattern must not contain spaces."
        : null;
}
