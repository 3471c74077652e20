namespace Omnichannel.Hub.Events;

/// <summary>The domain-event outbox: who this process is and how long its claims last. Bound from <c>Events:</c>.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// This hub process's name among the processes sharing the database; must be unique among running processes.
    /// A process restarted under the same name takes over what its previous life had claimed as soon as a provider
    /// retries the message (otherwise when the claim expires). Empty: a random name per start.
    /// </summary>
    public string NodeId { get; set; } = "";

    /// <summary>How long a claim on an event holds before another process may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for events nobody handles (after a crash, or whose claim expired).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events claimed per dispatcher pass.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long a handled event may wait for its delete, so one delete covers every event handled meanwhile (one
    /// commit for many messages instead of one each). Nobody on the message's path waits for it; whoever does (the
    /// dispatcher, a provider's retry) has it deleted at once. Zero: each batch is deleted as soon as it is handled.
    /// </summary>
    public TimeSpan DeleteWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// In-process workers; a conversation always goes to the same one, so its events run in order. A worker mostly waits
    /// (for its routing group's commit, for pushes), so there are more of them than cores: with 4, new contacts at 250 a
    /// second waited seconds for a worker while the hub had CPU to spare, and each routing group held at most 4
    /// decisions (docs/performance.md, session 16).
    /// </summary>
    public int Partitions { get; set; } = 16;

    /// <summary>An event that failed this many times is parked (kept, not retried) and logged.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>When an inbound message is acknowledged: after its event was handled (default) or right after the commit.</summary>
    public Pipeline.AcknowledgeAt Acknowledge { get; set; } = Pipeline.AcknowledgeAt.Handled;

    /// <summary>With <see cref="Acknowledge"/> = Committed: from this many unhandled events on, senders wait for theirs (backpressure).</summary>
    public int MaxUnhandled { get; set; } = 1000;
}
