namespace Omnichannel.Hub.Operators;

public sealed record OperatorDto(long Id, string Email, string DisplayName, string Role, Presence Presence)
{
    public static OperatorDto From(Operator o) => new(o.Id, o.Email, o.DisplayName, o.Role, o.Presence);
}

public sealed record LoginRequest(string? Email, string? Password);

/// <param name="AccessToken">A bearer token for API and SignalR clients that do not keep cookies.</param>
public sealed record LoginResponse(OperatorDto Operator, string AccessToken, DateTime ExpiresAt);

public sealed record CreateOperatorRequest(string? Email, string? DisplayName, string? Password, string? Role);
