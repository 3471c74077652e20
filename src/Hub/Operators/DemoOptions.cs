namespace Omnichannel.Hub.Operators;

/// <summary>Bound from <c>Demo</c>. On by default only in the Development environment (dotnet run), so a newcomer can log
/// in at once; elsewhere only when set explicitly. The password is random unless configured, printed once at creation.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo accounts on first start and print their login.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Explicitly on or off, else on only in Development.</summary>
    public bool IsOn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();

    public string OperatorEmail { get; set; } = "operator@demo.local";
    public string SupervisorEmail { get; set; } = "supervisor@demo.local";
    public string AdminEmail { get; set; } = "admin@demo.local";
    /// <summary>Empty: a random password, printed once when the accounts are created.</summary>
    public string? Password { get; set; }
}
