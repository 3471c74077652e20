namespace Omnichannel.Hub.Conversations.Outbox;

/// <summary>Bound from <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the dispatcher looks for due sends when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before a message that keeps failing transiently is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles each attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a send with no answer, how long to wait before asking the provider whether it arrived
    /// (a slow provider may still be creating it).</summary>
    public TimeSpan CheckDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the provider is asked before the operator sees "may not have arrived — resend?".</summary>
    public int MaxChecks { get; set; } = 3;

    /// <summary>Sends taken per pass.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The retry delay after <paramref name="attempts"/> failed attempts (pure).</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Max(0, attempts - 1));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
        return delay;
    }
}
