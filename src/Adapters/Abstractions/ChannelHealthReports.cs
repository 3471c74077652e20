namespace Omnichannel.Adapters.Abstractions;

/// <summary>The common health reports of channel adapters, so every channel words them the same way.</summary>
public static class ChannelHealthReports
{
    private const string RefusedPrefix = "The provider refused our credentials";

    /// <summary>At start: configured and presumed healthy, or off with what is missing (never the secrets themselves).</summary>
    public static void Started(this ChannelHealth health, ChannelKind channel, string? missing) =>
        health.Report(channel, configured: missing is null, healthy: missing is null, missing is null ? null : $"Off: {missing}");

    /// <summary>401/403 from the provider (expired or revoked token, wrong account): the channel cannot send.</summary>
    public static void CredentialsRefused(this ChannelHealth health, ChannelKind channel, string providerReason) =>
        health.Report(channel, configured: true, healthy: false, $"{RefusedPrefix}: {providerReason}");

    /// <summary>A send went through: a credentials problem reported earlier is over.</summary>
    public static void SendWorked(this ChannelHealth health, ChannelKind channel)
    {
        if (health.Snapshot().FirstOrDefault(s => s.Channel == channel) is { Healthy: false, Reason: { } reason }
            && reason.StartsWith(RefusedPrefix, StringComparison.Ordinal))
            health.Report(channel, configured: true, healthy: true);
    }
}
