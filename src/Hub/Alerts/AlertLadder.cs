namespace Omnichannel.Hub.Alerts;

/// <summary>Where an alert goes next: closed, or at <see cref="Step"/> with the next fallback at <see cref="FallbackAt"/> (null: none).</summary>
public readonly record struct AlertMove(bool Close, int Step, DateTime? FallbackAt)
{
    public static AlertMove Closed(int step) => new(true, step, null);
}

/// <summary>The alert's walk down the operator's means, as pure functions (the coordinator and the fallback work run these).</summary>
public static class AlertLadder
{
    /// <summary>At <paramref name="step"/> of <paramref name="means"/>: the next means takes over after <paramref name="after"/>, unless it is the last.</summary>
    public static DateTime? FallbackAt(int step, int means, DateTime now, TimeSpan after) => step + 1 < means ? now + after : null;

    /// <summary>
    /// The fallback time came: nobody needs the alert any more (the offer is settled, the chat taken, the console on
    /// screen) → closed; otherwise the next means, or closed when there is none.
    /// </summary>
    public static AlertMove AtFallback(int step, int means, bool stillNeeded, bool onScreen, DateTime now, TimeSpan after) =>
        !stillNeeded || onScreen || step + 1 >= means ? AlertMove.Closed(step) : new(false, step + 1, FallbackAt(step + 1, means, now, after));

    /// <summary>A means could not deliver at all (every subscription gone): the next one takes over at once.</summary>
    public static AlertMove AfterUndeliverable(int step, int means, DateTime now, TimeSpan after) =>
        step + 1 >= means ? AlertMove.Closed(step) : new(false, step + 1, FallbackAt(step + 1, means, now, after));
}
