namespace Omnichannel.Hub.Scheduling;

/// <summary>
/// Wakes a polling worker early when something was written for it. The worker also polls, so nothing depends on a
/// wake-up: a notification with nobody waiting is kept (one at most) for the next wait.
/// </summary>
/// <remarks>A poll that times out throws nothing: the pollers (outbox, events, handled-event deletes) time out tens of
/// times a second, and a cancelled read threw and caught an exception each time — 35–60 a second on an idle hub.</remarks>
public abstract class WakeSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource? waiting;
    private bool notified;

    public void Notify()
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            (wake, waiting) = (waiting, null);
            notified = wake is null;
        }
        wake?.TrySetResult();
    }

    /// <summary>Returns on a notification or after <paramref name="timeout"/> on <paramref name="time"/>, whichever is first;
    /// throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task woken;
        lock (gate)
        {
            if (notified)
            {
                notified = false;
                return;
            }
            waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            woken = waiting.Task;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(timeout, time, stop.Token);
        if (await Task.WhenAny(woken, elapsed) != woken)
        {
            // Timed out: a later notification is kept for the next wait, not spent on this one. (One that came just now
            // is covered by the poll the worker runs next.)
            lock (gate)
            {
                if (waiting?.Task == woken)
                    waiting = null;
            }
        }
        // The timer goes with it (a cancelled delay completes without throwing anything here).
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
