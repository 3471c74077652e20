namespace Omnichannel.Hub.Canned;

/// <summary>Who sees a canned response: its author only, one team, or every operator of the shop.</summary>
public enum CannedScope
{
    Personal,
    Team,
    Shop,
}

/// <summary>A prepared answer an operator inserts with "/shortcut"; its text may hold {{variables}}.</summary>
public sealed class CannedResponse
{
    public long Id { get; set; }
    /// <summary>What the operator types after "/" (letters, digits, - and _).</summary>
    public required string Shortcut { get; set; }
    public required string Text { get; set; }
    public CannedScope Scope { get; set; }
    /// <summary>The author; for a personal response, the only one who sees it.</summary>
    public long OwnerOperatorId { get; set; }
    /// <summary>For a team response: the team's name.</summary>
    public string? Team { get; set; }
    public int UsageCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed record CannedResponseDto(long Id, string Shortcut, string Text, CannedScope Scope, long OwnerOperatorId, string? Team, int UsageCount)
{
    public static CannedResponseDto From(CannedResponse c) => new(c.Id, c.Shortcut, c.Text, c.Scope, c.OwnerOperatorId, c.Team, c.UsageCount);
}

/// <summary>A canned response filled in for one conversation; Unknown lists variables that had no value (rendered empty).</summary>
public sealed record RenderedCannedResponse(long Id, string Text, IReadOnlyList<string> Unknown);
