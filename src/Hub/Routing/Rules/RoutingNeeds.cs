using System.Globalization;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Routing.Rules;

/// <summary>What is known about a new conversation when rules are applied.</summary>
/// <param name="Page">URL path where the web chat started (null for other channels or unknown).</param>
/// <param name="Language">The visitor's language tag, e.g. "nl-BE".</param>
public sealed record ConversationFacts(ChannelKind Channel, string? Page, string? Language, string? FirstMessage);

/// <summary>What a rule decided: required skills and team, when they lapse, and a line for the routing timeline.</summary>
public sealed record RoutingNeeds(IReadOnlyList<string> Skills, long? TeamId, DateTime? OverflowAt, string Explanation);

/// <summary>Pure: the first enabled rule (by position) whose conditions all hold decides; no rule, no needs.</summary>
public static class RoutingNeedsRules
{
    public static RoutingNeeds? Decide(IEnumerable<RoutingRule> rules, IReadOnlyDictionary<long, string> teamNames, ConversationFacts facts, DateTime now)
    {
        var rule = rules.Where(r => r.Enabled).OrderBy(r => r.Position).ThenBy(r => r.Id).FirstOrDefault(r => Matches(r, facts));
        if (rule is null)
            return null;
        var team = rule.TeamId is { } id && teamNames.TryGetValue(id, out var name) ? name : null;
        var needs = string.Join(", ", rule.Skills);
        var explanation = $"needs: {(needs.Length > 0 ? needs : "no skill")}{(team is null ? "" : $" → team {team}")} (rule “{rule.Name}”; anyone after {rule.OverflowAfterSeconds} s)";
        return new RoutingNeeds(rule.Skills, team is null ? null : rule.TeamId, now.AddSeconds(rule.OverflowAfterSeconds), explanation);
    }

    public static bool Matches(RoutingRule rule, ConversationFacts facts) =>
        (rule.Channel is null || string.Equals(rule.Channel, facts.Channel.ToString(), StringComparison.OrdinalIgnoreCase))
        && (rule.PageGroup is null || (facts.Page is { } page && PageGlob.Matches(rule.PageGroup, page)))
        && (rule.Language is null || (facts.Language is { } language && LanguageMatches(rule.Language, language)))
        && (rule.Keywords.Count == 0 || (facts.FirstMessage is { } text && rule.Keywords.Any(k => ContainsWord(text, k))));

    /// <summary>"nl" matches "nl", "nl-BE" and "NL_nl"; "nl-BE" matches only "nl-BE".</summary>
    public static bool LanguageMatches(string wanted, string language)
    {
        var tag = language.Replace('_', '-');
        return tag.Equals(wanted, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(wanted + "-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whole-word, case- and accent-insensitive: "refund" matches "Refund?" but not "refunded".</summary>
    public static bool ContainsWord(string text, string keyword)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        for (var at = compare.IndexOf(text, keyword, options); at >= 0; at = compare.IndexOf(text, keyword, at + 1, options))
        {
            var end = at + keyword.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end >= text.Length || !char.IsLetterOrDigit(text[end])))
                return true;
        }
        return false;
    }
}
