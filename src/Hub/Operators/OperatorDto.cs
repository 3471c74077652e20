namespace Omnichannel.Hub.Operators;

/// <summary>An operator with their routing settings (capacity per channel class, auto-accept, skills).</summary>
/// <param name="Email">Null in the list for colleagues unless the reader supervises (docs/security.md).</param>
public sealed record OperatorDto(long Id, string? Email, string DisplayName, string Role, Presence Presence,
    int LiveCapacity, int AsyncCapacity, bool AutoAccept, IReadOnlyList<string> Skills)
{
    public IReadOnlyList<string> Languages { get; init; } = [];
    public string Locale { get; init; } = "en";
    public bool Disabled { get; init; }
    /// <summary>"OO" for "Olivia Operator": the console's avatar.</summary>
    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));

    public static OperatorDto From(Operator o) => new(o.Id, o.Email, o.DisplayName, o.Role, o.Presence, o.LiveCapacity, o.AsyncCapacity, o.AutoAccept, o.Skills)
    {
        Languages = o.Languages,
        Locale = o.Locale,
        Disabled = o.Disabled,
    };
}

public sealed record LoginRequest(string? Email, string? Password);

/// <param name="AccessToken">A bearer token for API and SignalR clients that do not keep cookies.</param>
public sealed record LoginResponse(OperatorDto Operator, string AccessToken, DateTime ExpiresAt);

public sealed record CreateOperatorRequest(string? Email, string? DisplayName, string? Password, string? Role);
