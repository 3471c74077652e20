using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>The web chat gate: admit only when the visitor is answered within the promise with the target probability.</summary>
public sealed class AvailabilityGateTests
{
    private static readonly AvailabilityOptions Options = new() { Target = 0.95, ReopenMargin = 0.02, MinimumBusySpell = TimeSpan.FromSeconds(5) };
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static GateDecision Decide(LiveCapacity capacity, HandleTimeEstimate handle, double acceptSeconds = 0,
        WidgetAvailability? previous = null, DateTime? since = null, bool open = true) =>
        AvailabilityGate.Decide(new GateInput(open, capacity, handle, TimeSpan.FromSeconds(acceptSeconds), Promise, previous, since, Now), Options);

    private static HandleTimeEstimate Known(double seconds) => HandleTimeEstimate.Known(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void AFreeSlot_IsAnsweredAfterTheAcceptTime()
    {
        var decision = Decide(new LiveCapacity(3, 1, 0), Known(64), acceptSeconds: 5);
        Assert.Equal(WidgetAvailability.Available, decision.State);
        Assert.Equal(1, decision.Probability);
        Assert.Equal(TimeSpan.FromSeconds(5), decision.PredictedWait);
    }

    [Fact]
    public void FirstInTheQueue_IsTurnedAwayWhenTheMeanFitsButTheChanceDoesNot()
    {
        // The shop: 3 slots, handle 64 s. The mean wait for one completion is 64 / 3 = 21 s (within 30 s),
        // but P(a slot frees within 30 s) = 1 − e^(−3·30/64) = 0.755: a quarter of these visitors would wait too long.
        var decision = Decide(new LiveCapacity(3, 0, 0), Known(64));
        Assert.Equal(1 - Math.Exp(-3 * 30.0 / 64), decision.Probability, 6);
        Assert.Equal(WidgetAvailability.Busy, decision.State);
        // The wait shown is the 95 % quantile of the same model: −ln(0.05) · 64 / 3 = 63.9 s.
        Assert.Equal(-Math.Log(0.05) * 64 / 3, decision.PredictedWait!.Value.TotalSeconds, 0);
    }

    [Fact]
    public void AQueuePosition_NeedsThatManySlotsToFinish()
    {
        // 20 slots, handle 60 s, 2 waiting, none free: position 3, P(Poisson(20·30/60 = 10) ≥ 3) = 1 − e^−10 (1 + 10 + 50).
        var decision = Decide(new LiveCapacity(20, 0, 2), Known(60));
        Assert.Equal(1 - Math.Exp(-10) * (1 + 10 + 50), decision.Probability, 6);
        Assert.Equal(WidgetAvailability.Available, decision.State);
        // With half the slots: P(Poisson(5) ≥ 3) = 0.875, turned away.
        Assert.Equal(WidgetAvailability.Busy, Decide(new LiveCapacity(10, 0, 2), Known(60)).State);
    }

    [Fact]
    public void TheUncertainHandleTime_IsANegativeBinomialCount()
    {
        // α = 2, β = 100 s, 2 slots, 25 s: q = 100 / (100 + 50) = 2/3; P(K ≥ 2) = 1 − q² (1 + 2 (1 − q)) = 7/27.
        Assert.Equal(7.0 / 27, AvailabilityGate.ProbabilityWithin(2, 2, new HandleTimeEstimate(2, 100), TimeSpan.FromSeconds(25)), 9);
    }

    [Fact]
    public void FewMeasuredChats_AreMoreCautiousThanMany()
    {
        // 10 slots, first in the queue, handle 64 s: certain → 1 − e^(−10·30/64) = 0.991, offered.
        // The same mean from the default alone (worth 3 chats) → 1 − (192 / 492)³ = 0.941, not offered.
        var certain = Decide(new LiveCapacity(10, 0, 0), Known(64));
        var guessed = Decide(new LiveCapacity(10, 0, 0), HandleTimeEstimate.From(TimeSpan.FromSeconds(64), 3, []));
        var measured = Decide(new LiveCapacity(10, 0, 0), HandleTimeEstimate.From(TimeSpan.FromSeconds(64), 3, [.. Enumerable.Repeat(64.0, 200)]));
        Assert.Equal(WidgetAvailability.Available, certain.State);
        Assert.Equal(1 - Math.Pow(192.0 / 492, 3), guessed.Probability, 9);
        Assert.Equal(WidgetAvailability.Busy, guessed.State);
        Assert.Equal(WidgetAvailability.Available, measured.State);
        Assert.True(guessed.Probability < measured.Probability && measured.Probability < certain.Probability);
    }

    [Fact]
    public void Averaged_OverErlangCsQueue_TheGateIsErlangCsServiceLevel()
    {
        // The gate's probability per queue position, weighted by where M/M/N puts an arrival, is Erlang C's P(W ≤ t).
        const int n = 3;
        double lambda = 63.0 / 3600, handle = 64, t = 30, a = lambda * handle;
        var weights = Enumerable.Range(0, 400).Select(k => k < n
            ? Math.Pow(a, k) / Enumerable.Range(1, k).Aggregate(1.0, (p, i) => p * i)
            : Math.Pow(a, n) / 6 * Math.Pow(a / n, k - n)).ToList();
        var level = weights.Select((w, k) =>
            w * Decide(new LiveCapacity(n, Math.Max(0, n - k), Math.Max(0, k - n)), Known(handle)).Probability).Sum() / weights.Sum();
        Assert.Equal(ErlangC.ServiceLevel(n, lambda, handle, t), level, 6);
    }

    [Fact]
    public void ClosedHours_AndNobodyOnline_AreNotOffered()
    {
        Assert.Equal(WidgetAvailability.Closed, Decide(new LiveCapacity(3, 3, 0), Known(64), open: false).State);
        var nobody = Decide(new LiveCapacity(0, 0, 0), Known(64));
        Assert.Equal(WidgetAvailability.Busy, nobody.State);
        Assert.Null(nobody.PredictedWait);
    }

    [Theory]
    [InlineData(null, 0, WidgetAvailability.Available)]
    [InlineData(WidgetAvailability.Available, 0, WidgetAvailability.Available)]
    [InlineData(WidgetAvailability.Busy, 60, WidgetAvailability.Busy)]
    public void JustAboveTheTarget_ABusyWidgetStaysBusy(WidgetAvailability? previous, int busyForSeconds, WidgetAvailability expected)
    {
        // 12 slots, handle 120 s, first in the queue: P = 1 − e^(−12·30/120) = 1 − e^−3 = 0.9502, above 95 % but below 97 %.
        var decision = Decide(new LiveCapacity(12, 0, 0), Known(120), previous: previous, since: Now.AddSeconds(-busyForSeconds));
        Assert.Equal(1 - Math.Exp(-3), decision.Probability, 6);
        Assert.Equal(expected, decision.State);
    }

    [Fact]
    public void ABusyWidget_ReopensToAQueueOnlyAfterItsMinimumSpell()
    {
        // 12 slots, handle 60 s, first in the queue: P = 1 − e^−6 = 0.9975, well above the margin.
        var held = Decide(new LiveCapacity(12, 0, 0), Known(60), previous: WidgetAvailability.Busy, since: Now.AddSeconds(-2));
        Assert.Equal(WidgetAvailability.Busy, held.State);
        Assert.Equal(Now.AddSeconds(3), held.HeldUntil);
        var reopened = Decide(new LiveCapacity(12, 0, 0), Known(60), previous: WidgetAvailability.Busy, since: Now.AddSeconds(-5));
        Assert.Equal(WidgetAvailability.Available, reopened.State);
        // A free slot waits for the spell too (issue 15: the widget must not flap with every close), then reopens at once.
        Assert.Equal(WidgetAvailability.Busy, Decide(new LiveCapacity(12, 1, 0), Known(60), previous: WidgetAvailability.Busy, since: Now).State);
        Assert.Equal(WidgetAvailability.Available, Decide(new LiveCapacity(12, 1, 0), Known(60), previous: WidgetAvailability.Busy, since: Now.AddSeconds(-5)).State);
        // Closing is never delayed: an available widget turns busy at once.
        Assert.Equal(WidgetAvailability.Busy, Decide(new LiveCapacity(3, 0, 0), Known(64), previous: WidgetAvailability.Available, since: Now).State);
    }

    [Fact]
    public void ThePredictedWait_IsTheTargetQuantileOfTheSameModel()
    {
        var handle = HandleTimeEstimate.From(TimeSpan.FromSeconds(90), 3, [80, 100, 70, 120]);
        var wait = AvailabilityGate.WaitQuantile(2, 4, handle, 0.95);
        Assert.Equal(0.95, AvailabilityGate.ProbabilityWithin(2, 4, handle, wait), 3);
    }
}
