namespace Omnichannel.Hub.Events;

/// <summary>A handled event waiting to be deleted from the outbox, and what to call once it is gone.</summary>
public sealed record HandledEvent(long EventId, Action Removed);

/// <summary>
/// Handled events on their way out of the outbox. While the inbound writer has messages queued, the event processor
/// hands its deletes over: they ride in the writer's next group transaction (the commit and disk sync it makes
/// anyway) instead of a write transaction of their own competing with the writer for the database's write lock.
/// When the writer is idle the processor deletes them itself at once, as before, so nothing waits on traffic.
/// </summary>
public sealed class HandledEvents
{
    private readonly Lock gate = new();
    private List<HandledEvent> handed = [];
    private int queued;

    /// <summary>The writer accepted a message; it is counted until the writer takes it into a group.</summary>
    public void WriterQueued()
    {
        lock (gate)
            queued++;
    }

    /// <summary>The writer took <paramref name="count"/> messages into a group: the deletes to make in its transaction.</summary>
    public List<HandledEvent> TakeForGroup(int count)
    {
        lock (gate)
        {
            queued -= count;
            if (handed.Count == 0)
                return [];
            var taken = handed;
            handed = [];
            return taken;
        }
    }

    /// <summary>Hands the deletes to the writer when a group of it is sure to follow; false: the caller deletes them.</summary>
    public bool TryHandOver(IEnumerable<HandledEvent> events)
    {
        lock (gate)
        {
            if (queued <= 0)
                return false;
            handed.AddRange(events);
            return true;
        }
    }
}
