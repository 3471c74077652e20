namespace Omnichannel.Hub.Realtime;

/// <summary>What to do with a "refetch" nudge (it carries no data, so several in a short while say no more than one).</summary>
public enum NudgeAction
{
    /// <summary>Nothing went out within the window: push now.</summary>
    SendNow,

    /// <summary>One went out moments ago: push once more when the window ends (covers everything until then).</summary>
    SendAtWindowEnd,

    /// <summary>A push at the window's end is already due: it covers this one too.</summary>
    Skip,
}

/// <summary>The coalescing decision, as data.</summary>
public static class Nudges
{
    public static (NudgeAction Action, TimeSpan Delay) Decide(DateTimeOffset now, DateTimeOffset? lastSent, bool trailingDue, TimeSpan window)
    {
        if (trailingDue)
            return (NudgeAction.Skip, TimeSpan.Zero);
        if (lastSent is not { } last || now - last >= window)
            return (NudgeAction.SendNow, TimeSpan.Zero);
        return (NudgeAction.SendAtWindowEnd, last + window - now);
    }
}

/// <summary>
/// At most one nudge per window, the first at once and one more at the window's end for whatever came meanwhile, so
/// a burst of messages costs the audience two pushes (and two refetches) instead of one per message.
/// </summary>
public sealed class PushCoalescer(TimeProvider time, TimeSpan window, ILogger logger)
{
    private readonly Lock gate = new();
    private DateTimeOffset? lastSent;
    private bool trailingDue;

    public Task NudgeAsync(Func<Task> send)
    {
        (NudgeAction Action, TimeSpan Delay) decision;
        lock (gate)
        {
            var now = time.GetUtcNow();
            decision = Nudges.Decide(now, lastSent, trailingDue, window);
            if (decision.Action == NudgeAction.SendNow)
                lastSent = now;
            else if (decision.Action == NudgeAction.SendAtWindowEnd)
                trailingDue = true;
        }
        return decision.Action switch
        {
            NudgeAction.SendNow => send(),
            NudgeAction.SendAtWindowEnd => SendLaterAsync(send, decision.Delay),
            _ => Task.CompletedTask,
        };
    }

    private Task SendLaterAsync(Func<Task> send, TimeSpan delay)
    {
        // The timer starts now (on the hub's TimeProvider), not whenever a thread picks the continuation up.
        _ = SendAfterAsync(Task.Delay(delay, time), send);
        return Task.CompletedTask;
    }

    private async Task SendAfterAsync(Task due, Func<Task> send)
    {
        try
        {
            await due.ConfigureAwait(false);
            lock (gate)
            {
                trailingDue = false;
                lastSent = time.GetUtcNow();
            }
            await send();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A coalesced push failed; the audience refetches on its next nudge or poll");
        }
    }
}
