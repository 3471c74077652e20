namespace Omnichannel.Hub.Operators;

/// <summary>Bound from <c>Demo</c>. On in the embedded default so a newcomer can log in at once.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo accounts on first start and print their login.</summary>
    public bool Enabled { get; set; }

    public string OperatorEmail { get; set; } = "operator@demo.local";
    public string SupervisorEmail { get; set; } = "supervisor@demo.local";
    public string AdminEmail { get; set; } = "admin@demo.local";
    public string Password { get; set; } = "demo-password";
}
