namespace Omnichannel.Hub.Routing.Rules;

/// <summary>
/// An admin's rule that gives a new conversation required skills and/or a team. Rules are checked in
/// <see cref="Position"/> order and the first whose conditions all hold applies; an empty condition always holds.
/// </summary>
public sealed class RoutingRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    public bool Enabled { get; set; } = true;

    // Conditions
    /// <summary>A channel name (WebChat, WhatsApp, …), or null for any.</summary>
    public string? Channel { get; set; }
    /// <summary>A page group: URL path glob where the web chat started, e.g. "/checkout*".</summary>
    public string? PageGroup { get; set; }
    /// <summary>The visitor's language tag prefix, e.g. "nl" matches "nl-BE".</summary>
    public string? Language { get; set; }
    /// <summary>Any of these words in the first message.</summary>
    public List<string> Keywords { get; set; } = [];

    // Effects
    public long? TeamId { get; set; }
    public List<string> Skills { get; set; } = [];
    /// <summary>After this long unanswered the conversation may go to anyone (a skill never leaves a customer waiting).</summary>
    public int OverflowAfterSeconds { get; set; } = 60;
}

public sealed record RoutingRuleDto(long Id, string Name, int Position, bool Enabled, string? Channel, string? PageGroup, string? Language,
    IReadOnlyList<string> Keywords, long? TeamId, IReadOnlyList<string> Skills, int OverflowAfterSeconds)
{
    public static RoutingRuleDto From(RoutingRule r) =>
        new(r.Id, r.Name, r.Position, r.Enabled, r.Channel, r.PageGroup, r.Language, r.Keywords, r.TeamId, r.Skills, r.OverflowAfterSeconds);
}

public sealed record RoutingRuleRequest(string? Name, int? Position, bool? Enabled, string? Channel, string? PageGroup, string? Language,
    List<string>? Keywords, long? TeamId, List<string>? Skills, int? OverflowAfterSeconds);
