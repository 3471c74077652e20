using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Hub.Analytics;

/// <summary>Bound from <c>Metrics</c>: who may scrape /metrics (never anonymous unless asked for).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Prometheus sends <c>Authorization: Bearer &lt;token&gt;</c> (its bearer_token setting).</summary>
    public string? ScrapeToken { get; set; }

    /// <summary>Serve /metrics only on this port (bind it with --urls, firewalled as a management port).</summary>
    public int? ManagementPort { get; set; }

    /// <summary>Open to anyone (not recommended outside a closed network).</summary>
    public bool Anonymous { get; set; }
}

/// <summary>Pure: whether a scrape may read the metrics. Without token, port or Anonymous: only a signed-in supervisor.</summary>
public static class MetricsAccess
{
    public static bool Allowed(MetricsOptions options, string? authorization, int localPort, bool supervisor)
    {
        if (options.Anonymous)
            return true;
        if (options.ManagementPort is { } port && localPort == port)
            return true;
        if (options.ScrapeToken is { Length: > 0 } token && authorization is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
        return supervisor && options.ManagementPort is null;
    }
}
