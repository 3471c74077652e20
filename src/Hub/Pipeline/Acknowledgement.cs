namespace Omnichannel.Hub.Pipeline;

/// <summary>When an inbound message is acknowledged (webhook 2xx, widget ack). Bound from <c>Events:Acknowledge</c>.</summary>
public enum AcknowledgeAt
{
    /// <summary>After its MessageReceived event was handled: the 2xx means stored, routed and pushed (the default).</summary>
    Handled,

    /// <summary>
    /// Right after the commit: the message and its event are durable, the outbox handles the event (route, push) after
    /// the answer — after a crash too. Under a backlog of unhandled events the sender waits as with
    /// <see cref="Handled"/> (backpressure), so a burst cannot pile up unbounded work in memory.
    /// </summary>
    Committed,
}

/// <summary>The acknowledgement decision, as data: does this request wait for its own event?</summary>
public static class Acknowledgement
{
    /// <param name="unhandled">Events queued in this process and not handled yet (this message's included).</param>
    /// <param name="maxUnhandled">From this many on, senders wait for their events again.</param>
    public static bool WaitForHandling(AcknowledgeAt mode, int unhandled, int maxUnhandled) =>
        mode == AcknowledgeAt.Handled || unhandled >= maxUnhandled;
}
