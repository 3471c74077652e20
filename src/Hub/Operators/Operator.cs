namespace Omnichannel.Hub.Operators;

public enum Presence
{
    Offline,
    Away,
    Available,
}

/// <summary>A person who answers conversations in the console. Roles: operator, supervisor, admin.</summary>
public sealed class Operator
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = Roles.Operator;
    public Presence Presence { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static bool IsKnown(string role) => role is Operator or Supervisor or Admin;

    /// <summary>Roles are ranked: an admin is also a supervisor and an operator.</summary>
    public static IEnumerable<string> Implied(string role) => role switch
    {
        Admin => [Admin, Supervisor, Operator],
        Supervisor => [Supervisor, Operator],
        _ => [Operator],
    };
}
