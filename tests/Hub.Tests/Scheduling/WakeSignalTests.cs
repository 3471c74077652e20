using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Scheduling;

namespace Omnichannel.Hub.Tests.Scheduling;

/// <summary>The pollers' wake-up: a notification wakes the waiter or is kept for the next wait; a wait that times out
/// returns quietly (no exception thrown and caught on every poll); only the caller's cancellation throws.</summary>
public sealed class WakeSignalTests
{
    private sealed class Signal : WakeSignal;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Set around the wait under test: exceptions thrown by other tests running meanwhile are not counted.</summary>
    private static readonly AsyncLocal<bool> Watched = new();

    [Fact]
    public async Task A_notification_wakes_the_waiter_before_its_timeout()
    {
        var signal = new Signal();
        var wait = signal.WaitAsync(Poll, new FakeTimeProvider(), CancellationToken.None);
        Assert.False(wait.IsCompleted);
        signal.Notify();
        await wait.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_notification_with_nobody_waiting_is_kept_for_the_next_wait()
    {
        var signal = new Signal();
        signal.Notify();
        signal.Notify();
        Assert.True(signal.WaitAsync(Poll, new FakeTimeProvider(), CancellationToken.None).IsCompletedSuccessfully);
        // Kept once: the second wait waits.
        Assert.False(signal.WaitAsync(Poll, new FakeTimeProvider(), CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_wait_times_out_on_the_hubs_clock_without_an_exception_and_the_next_notification_is_kept()
    {
        var signal = new Signal();
        var time = new FakeTimeProvider();
        var thrown = 0;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
        {
            if (Watched.Value && e.Exception is OperationCanceledException)
                Interlocked.Increment(ref thrown);
        };
        Watched.Value = true;
        var wait = signal.WaitAsync(Poll, time, CancellationToken.None);
        Watched.Value = false;
        time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await wait.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(0, thrown);

        // The timed-out wait left nothing behind that would swallow the next notification.
        signal.Notify();
        Assert.True(signal.WaitAsync(Poll, time, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_wait_with_an_exception()
    {
        var signal = new Signal();
        using var stopping = new CancellationTokenSource();
        var wait = signal.WaitAsync(Poll, new FakeTimeProvider(), stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}
