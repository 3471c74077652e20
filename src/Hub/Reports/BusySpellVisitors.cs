namespace Omnichannel.Hub.Reports;

/// <summary>
/// Turned-away demand counts visitors, not page views: a visitor browsing while live chat is busy is recorded once per
/// busy spell (per hub process), not on every page they open — and the busy widget costs no database write per page view.
/// A visitor is the loader's <c>visitor</c> id when it sends one, else the client address and browser.
/// </summary>
public sealed class BusySpellVisitors
{
    /// <summary>A spell with more visitors than this starts remembering afresh (memory stays bounded).</summary>
    private const int MaxRemembered = 200_000;

    private readonly Lock sync = new();
    private readonly HashSet<string> seen = [];
    private DateTime spell;

    /// <returns>True the first time this visitor is seen in the busy spell that started at <paramref name="spellStartedAt"/>.</returns>
    public bool FirstInSpell(string visitor, DateTime spellStartedAt)
    {
        lock (sync)
        {
            if (spellStartedAt != spell || seen.Count >= MaxRemembered)
            {
                seen.Clear();
                spell = spellStartedAt;
            }
            return seen.Add(visitor);
        }
    }

    public static string Key(HttpContext http, string? visitor)
    {
        if (visitor is { Length: > 0 and <= 100 })
            return $"v:{visitor}";
        var browser = http.Request.Headers.UserAgent.ToString();
        return $"a:{RateLimitsExtensions.ClientIp(http)}|{(browser.Length > 200 ? browser[..200] : browser)}";
    }
}
