namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// Counts consecutive webhook signature failures per channel. One bad request is noise (or an attacker);
/// several in a row mean our secret no longer matches the provider's, so the channel is reported unhealthy.
/// A request that verifies clears the streak and the signature problem.
/// </summary>
public sealed class SignatureGuard(ChannelHealth health)
{
    public const int Threshold = 3;
    private const string Prefix = "Webhook signature check failing";
    private readonly Dictionary<ChannelKind, int> streaks = [];
    private readonly Lock gate = new();

    public void Failed(ChannelKind channel)
    {
        int streak;
        lock (gate)
            streaks[channel] = streak = streaks.GetValueOrDefault(channel) + 1;
        if (streak >= Threshold)
            health.Report(channel, configured: true, healthy: false,
                $"{Prefix}: {streak} requests in a row had a wrong or missing signature (is the secret configured here the provider's current one?).");
    }

    public void Passed(ChannelKind channel)
    {
        lock (gate)
            streaks[channel] = 0;
        if (health.Snapshot().FirstOrDefault(s => s.Channel == channel) is { Healthy: false, Reason: { } reason } && reason.StartsWith(Prefix, StringComparison.Ordinal))
            health.Report(channel, configured: true, healthy: true);
    }
}
