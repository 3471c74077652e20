namespace Omnichannel.Adapters.Abstractions;

/// <summary>
/// What each channel reports about itself: configured or not, and the last provider problem.
/// Shown in /healthz and on the console.
/// </summary>
public sealed class ChannelHealth
{
    private readonly Dictionary<ChannelKind, ChannelState> states = [];
    private readonly Lock gate = new();

    public void Report(ChannelKind channel, bool configured, bool healthy, string? reason = null)
    {
        lock (gate) states[channel] = new ChannelState(channel, configured, healthy, reason);
    }

    public IReadOnlyList<ChannelState> Snapshot()
    {
        lock (gate) return [.. states.Values.OrderBy(s => s.Channel)];
    }
}

public sealed record ChannelState(ChannelKind Channel, bool Configured, bool Healthy, string? Reason);
