using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;

namespace Omnichannel.Hub.Tests.Staffing;

/// <summary>The log-normal handle-time belief behind the gate's residual times.</summary>
public sealed class HandleTimeBeliefTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0.157299207)]
    [InlineData(-2, 1.995322265)]
    [InlineData(3, 2.20904970e-5)]
    public void Erfc_MatchesTheTable(double x, double expected) =>
        Assert.Equal(expected, HandleTimeBelief.Erfc(x), expected * 2e-7 + 1e-12);

    [Fact]
    public void ManyMeasuredChats_ConvergeOnTheirLogNormal_FewStayWide()
    {
        // 200 chats: half at 30 s, half at 120 s → ln-mean (ln 30 + ln 120)/2 = ln 60, ln-spread ln 2 = 0.693.
        var measured = HandleTimeBelief.From(TimeSpan.FromSeconds(180), 3, [.. Enumerable.Repeat(30.0, 100), .. Enumerable.Repeat(120.0, 100)]);
        Assert.Equal(Math.Log(60), measured.LogMean, 1);
        Assert.InRange(measured.LogSigma, 0.69, 0.75);
        var guessed = HandleTimeBelief.From(TimeSpan.FromSeconds(60), 3, []);
        Assert.True(guessed.LogSigma > 1.5, "the default alone is a wide belief");
    }

    [Fact]
    public void AChatNearItsTypicalLength_EndsSoonerThanOneJustBegun()
    {
        var belief = HandleTimeBelief.From(TimeSpan.FromSeconds(64), 3, [.. Enumerable.Range(0, 300).Select(i => 40.0 + i % 50)]);
        Assert.True(belief.EndsWithin(60, 25) > 2 * belief.EndsWithin(0, 25));
        // A Poisson-binomial tail: two chats with q = EndsWithin each; both: q1·q2; at least one: 1 − (1 − q1)(1 − q2).
        double q1 = belief.EndsWithin(60, 25), q2 = belief.EndsWithin(10, 25);
        Assert.Equal(q1 * q2, belief.AtLeastEndWithin(2, [60, 10], 25), 12);
        Assert.Equal(1 - (1 - q1) * (1 - q2), belief.AtLeastEndWithin(1, [60, 10], 25), 12);
    }

    [Fact]
    public void TheGate_AdmitsFirstInTheQueueWhenTheBusyChatsAreAboutToEnd_NotWhenTheyJustBegan()
    {
        // 3 slots, all taken, measured handle times of 50–70 s: chats at 55–65 s end within 25 s almost surely; fresh ones do not.
        var handle = HandleTimeEstimate.From(TimeSpan.FromSeconds(64), 3, [.. Enumerable.Range(0, 300).Select(i => 50.0 + i % 21)]);
        var options = new AvailabilityOptions();
        GateDecision Decide(params double[] elapsed) => AvailabilityGate.Decide(
            new GateInput(true, new LiveCapacity(3, 0, 0), handle, TimeSpan.FromSeconds(5), Promise, null, null, Now) { Busy = [.. elapsed.Select(TimeSpan.FromSeconds)] }, options);
        var ending = Decide(55, 60, 65);
        var begun = Decide(1, 2, 3);
        Assert.Equal(WidgetAvailability.Available, ending.State);
        Assert.True(ending.PredictedWait <= Promise);
        Assert.Equal(WidgetAvailability.Busy, begun.State);
        Assert.True(begun.Probability < 0.05);
        // Without elapsed times the same estimate falls back to exponential times: 1 − e^(−3·25/60) ≈ 0.71, busy.
        Assert.Equal(WidgetAvailability.Busy, AvailabilityGate.Decide(new GateInput(true, new LiveCapacity(3, 0, 0), handle, TimeSpan.FromSeconds(5), Promise, null, null, Now), options).State);
    }
}
