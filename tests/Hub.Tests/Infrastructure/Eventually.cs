namespace Omnichannel.Hub.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Waits for a condition the hub reaches on its own thread (e.g. a disconnect being processed); fails after the timeout.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
            if (!await tick.WaitForNextTickAsync(cts.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully))
                throw new TimeoutException($"Timed out waiting until {what}.");
    }

    /// <summary>The same for a condition read from the database (polled every 200 ms).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition())
            if (!await tick.WaitForNextTickAsync(cts.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully))
                throw new TimeoutException($"Timed out waiting until {what}.");
    }
}
