namespace Omnichannel.Hub.Routing;

/// <summary>Live web chat capacity right now.</summary>
/// <param name="TotalSlots">Live chat slots of available operators.</param>
/// <param name="FreeSlots">Of those, not taken (nor held by a pending offer).</param>
/// <param name="Queued">Live chats waiting without an operator.</param>
public sealed record LiveCapacity(int TotalSlots, int FreeSlots, int Queued);

/// <summary>Pure: how long would a new web chat wait for a human?</summary>
public static class WaitPredictor
{
    /// <returns>null when nobody can answer at all (no live slots).</returns>
    public static TimeSpan? Predict(LiveCapacity capacity, TimeSpan averageHandleTime, TimeSpan acceptTime)
    {
        if (capacity.TotalSlots <= 0)
            return null;
        if (capacity.Queued < capacity.FreeSlots)
            return acceptTime;
        // Slots free up at TotalSlots / handle time; the new chat needs (Queued - FreeSlots + 1) of them.
        var position = capacity.Queued - capacity.FreeSlots + 1;
        return acceptTime + averageHandleTime * position / capacity.TotalSlots;
    }
}
