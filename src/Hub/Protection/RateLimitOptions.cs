namespace Omnichannel.Hub.Protection;

/// <summary>A fixed window: at most <see cref="Permits"/> per <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int Permits { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>Bound from <c>RateLimits</c>: quotas on every anonymous surface and on login (429 + Retry-After beyond them).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>New or renewed visitor sessions (POST /api/widget/visitor) per client IP.</summary>
    public WindowLimit VisitorSessions { get; set; } = new() { Permits = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Signal batches (POST /api/widget/signals) per client IP (a visitor sends about one per page and minute).</summary>
    public WindowLimit Signals { get; set; } = new() { Permits = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Widget messages per visitor.</summary>
    public WindowLimit WidgetSendsPerVisitor { get; set; } = new() { Permits = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Widget messages per client IP (several visitors behind one NAT).</summary>
    public WindowLimit WidgetSendsPerIp { get; set; } = new() { Permits = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>New chats per client IP.</summary>
    public WindowLimit NewChatsPerIp { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Open widget connections (WebSocket hub, state stream) per client IP at once.</summary>
    public int ConnectionsPerIp { get; set; } = 40;

    /// <summary>Login attempts per client IP.</summary>
    public WindowLimit LoginPerIp { get; set; } = new() { Permits = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Failed logins for one account (existing or not) before it waits; each further failure doubles the wait.</summary>
    public int LoginFreeFailures { get; set; } = 5;

    public TimeSpan LoginFirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan LoginMaxBackoff { get; set; } = TimeSpan.FromMinutes(15);
}
