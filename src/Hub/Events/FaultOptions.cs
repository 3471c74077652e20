using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Omnichannel.Hub.Events;

/// <summary>Fault injection for crash tests. Bound from <c>Faults:</c>; all off by default.</summary>
public sealed class FaultOptions
{
    public const string Section = "Faults";

    /// <summary>Kill the process (like kill -9) right after an inbound message's transaction commits, before any push.</summary>
    public bool KillAfterInboundCommit { get; set; }
}

/// <summary>The points where a crash test may kill the hub.</summary>
public sealed class Faults(IOptions<FaultOptions> options, ILogger<Faults> logger)
{
    public void AfterInboundCommit()
    {
        if (!options.Value.KillAfterInboundCommit)
            return;
        logger.LogCritical("Fault injection: killing the hub after an inbound commit, before its events are processed");
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
