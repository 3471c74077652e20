using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>Board nudges are coalesced: the first at once, one more at the window's end for everything meanwhile.</summary>
public sealed class BoardNudgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    public static TheoryData<DateTimeOffset?, bool, double, NudgeAction, double> Cases => new()
    {
        { null, false, 0, NudgeAction.SendNow, 0 },
        { T0.AddMilliseconds(-250), false, 0, NudgeAction.SendNow, 0 },
        { T0.AddSeconds(-10), false, 0, NudgeAction.SendNow, 0 },
        { T0.AddMilliseconds(-100), false, 0, NudgeAction.SendAtWindowEnd, 150 },
        { T0, false, 0, NudgeAction.SendAtWindowEnd, 250 },
        { T0.AddMilliseconds(-100), true, 0, NudgeAction.Skip, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheDecision_SendsNow_AtTheWindowsEnd_OrNotAgain(DateTimeOffset? lastSent, bool trailingDue, double _, NudgeAction action, double delayMs)
    {
        var (decided, delay) = Nudges.Decide(T0, lastSent, trailingDue, Window);
        Assert.Equal(action, decided);
        Assert.Equal(TimeSpan.FromMilliseconds(delayMs), delay);
    }

    [Fact]
    public async Task ABurstOfChanges_IsTwoNudges_AndALaterChangeIsPushedAtOnce()
    {
        var time = new FakeTimeProvider(T0);
        var coalescer = new PushCoalescer(time, Window, NullLogger.Instance);
        var sent = new List<DateTimeOffset>();
        var trailing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Send()
        {
            lock (sent)
            {
                sent.Add(time.GetUtcNow());
                if (sent.Count == 2)
                    trailing.TrySetResult();
            }
            return Task.CompletedTask;
        }

        for (var i = 0; i < 50; i++)
        {
            await coalescer.NudgeAsync(Send);
            time.Advance(TimeSpan.FromMilliseconds(2));
        }
        Assert.Equal([T0], sent);
        time.Advance(Window);
        await trailing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1] >= T0 + Window);

        time.Advance(TimeSpan.FromSeconds(5));
        await coalescer.NudgeAsync(Send);
        Assert.Equal(3, sent.Count);
    }
}
