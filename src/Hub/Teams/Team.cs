namespace Omnichannel.Hub.Teams;

/// <summary>Operators who serve some channels, skills and page groups together (e.g. "Support NL", "Checkout").</summary>
public sealed class Team
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Channel names (WebChat, WhatsApp, …) the team serves; empty for all.</summary>
    public List<string> Channels { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    /// <summary>Page groups (URL path globs such as "/checkout*") whose chats the team serves.</summary>
    public List<string> PageGroups { get; set; } = [];
    public List<TeamMember> Members { get; set; } = [];
}

public sealed class TeamMember
{
    public long TeamId { get; set; }
    public long OperatorId { get; set; }
}

public sealed record TeamDto(long Id, string Name, IReadOnlyList<string> Channels, IReadOnlyList<string> Skills, IReadOnlyList<string> PageGroups, IReadOnlyList<long> MemberIds)
{
    public static TeamDto From(Team t) => new(t.Id, t.Name, t.Channels, t.Skills, t.PageGroups, [.. t.Members.Select(m => m.OperatorId).Order()]);
}

public sealed record TeamRequest(string? Name, List<string>? Channels, List<string>? Skills, List<string>? PageGroups, List<long>? MemberIds);
