using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Tests.Targeting;

/// <summary>Pure decisions of page targeting and proactive engagement, with data.</summary>
public sealed class EngagementRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static readonly (string, bool)[] ShopRules =
    [
        ("/cart*", false), ("/product/*", false), ("/account/subscription*", false), ("/checkout/payment*", true),
    ];

    [Theory]
    [InlineData("/cart", true)]
    [InlineData("/cart.html", true)]
    [InlineData("/product/42", true)]
    [InlineData("/product/42/red", true)]
    [InlineData("/account/subscription/cancel", true)]
    [InlineData("/", false)]
    [InlineData("/product", false)]
    [InlineData("/checkout/payment", false)]
    [InlineData("/checkout/payment.html", false)]
    public void PageRules_IncludeGlobs_WithExclusions(string path, bool shown) => Assert.Equal(shown, PageGlob.Shows(ShopRules, path));

    [Fact]
    public void PageRules_ExclusionWinsOverAnInclusion_NoRulesMeansEverywhere_RegexCharactersAreLiteral()
    {
        Assert.False(PageGlob.Shows([("*", false), ("/checkout/payment*", true)], "/checkout/payment/card"));
        Assert.True(PageGlob.Shows([("/checkout/payment*", true)], "/checkout/shipping"));
        Assert.True(PageGlob.Shows([], "/anything"));
        Assert.False(PageGlob.Matches("/a.b", "/axb"));
        Assert.True(PageGlob.Matches("/CART*", "/cart.html"));
        Assert.NotNull(PageGlob.Invalid("cart"));
        Assert.NotNull(PageGlob.Invalid("/ca rt"));
        Assert.Null(PageGlob.Invalid("/cart*"));
    }

    private static EngagementRule CartRule(params RuleCondition[] conditions) => new()
    {
        Id = 1, Name = "Hesitating at the till", Pages = "/cart*", Threshold = 2, Conditions = [.. conditions],
        Greeting = new() { ["en"] = "Questions about your order?", ["nb"] = "Spørsmål om bestillingen?" },
    };

    private static readonly RuleCondition Dwell20 = new() { Kind = ConditionKind.Dwell, Value = 20, Weight = 1 };
    private static readonly RuleCondition Cart100 = new() { Kind = ConditionKind.CartValue, Value = 100, Weight = 1 };
    private static readonly GateResult Open = new(true, "ok");

    private static VisitorSnapshot OnCart(double dwell, double? cart, bool exit = false, int visits = 1) => new("/cart.html", dwell, cart, visits, 2, exit, visits > 1);

    private static double? NoHistory(EngagementRule r, RuleCondition c) => null;

    [Fact]
    public void Scoring_AddsTheWeightsOfMetConditions_AndPassesAtTheThreshold()
    {
        var rule = CartRule(Dwell20, Cart100, new RuleCondition { Kind = ConditionKind.ExitIntent, Weight = 2 });

        var early = Engagement.Score(rule, OnCart(5, 150), NoHistory);
        Assert.Equal(1, early.Score);
        Assert.False(early.Passed);
        Assert.True(Engagement.Score(rule, OnCart(25, 150), NoHistory).Passed);
        Assert.True(Engagement.Score(rule, OnCart(1, null, exit: true), NoHistory).Passed);
        var elsewhere = Engagement.Score(rule, OnCart(25, 150) with { Path = "/product/1" }, NoHistory);
        Assert.False(elsewhere.PageMatches);
        Assert.False(elsewhere.Passed);
        Assert.Equal("120", Engagement.Score(rule, OnCart(25, 120), NoHistory).Conditions[1].Actual);
    }

    [Fact]
    public void Scoring_VisitsAndReturning()
    {
        var rule = CartRule(new RuleCondition { Kind = ConditionKind.Visits, Value = 3 }, new RuleCondition { Kind = ConditionKind.Returning });
        Assert.False(Engagement.Score(rule, OnCart(0, null, visits: 1), NoHistory).Passed);
        Assert.False(Engagement.Score(rule, OnCart(0, null, visits: 2), NoHistory).Passed);
        Assert.True(Engagement.Score(rule, OnCart(0, null, visits: 3), NoHistory).Passed);
    }

    [Theory]
    [InlineData(WidgetAvailability.Available, 10, true)]
    [InlineData(WidgetAvailability.Available, 30, true)]
    [InlineData(WidgetAvailability.Available, 31, false)]
    [InlineData(WidgetAvailability.Available, null, false)]
    [InlineData(WidgetAvailability.Busy, 90, false)]
    [InlineData(WidgetAvailability.Closed, 0, false)]
    public void CapacityGate_GreetsOnlyWhenThePredictedWaitIsWithinThePromise(WidgetAvailability state, int? wait, bool allowed) =>
        Assert.Equal(allowed, Engagement.CapacityGate(state, wait, 30).Allowed);

    [Fact]
    public void FrequencyCap_OncePerPeriod_AndLeftAloneAfterADismissal()
    {
        var day = TimeSpan.FromDays(1);
        var week = TimeSpan.FromDays(7);
        Assert.True(Engagement.FrequencyCap(null, null, Now, day, week).Allowed);
        Assert.False(Engagement.FrequencyCap(Now.AddHours(-3), null, Now, day, week).Allowed);
        Assert.True(Engagement.FrequencyCap(Now.AddHours(-25), null, Now, day, week).Allowed);
        var dismissed = Engagement.FrequencyCap(null, Now.AddDays(-2), Now, day, week);
        Assert.False(dismissed.Allowed);
        Assert.Contains("Dismissed", dismissed.Reason);
        Assert.True(Engagement.FrequencyCap(Now.AddDays(-9), Now.AddDays(-8), Now, day, week).Allowed);
    }

    [Fact]
    public void Decide_ExplainsEveryOutcome_AndPicksThePriorityRule_InTheVisitorsLanguage()
    {
        var rule = CartRule(Dwell20, Cart100);
        var vip = CartRule(Cart100);
        vip.Id = 2;
        vip.Name = "Big basket";
        vip.Threshold = 1;
        vip.Priority = 5;
        vip.Greeting = new() { ["en"] = "A stylist is free right now." };

        var greet = Engagement.Decide([rule, vip], OnCart(25, 400), NoHistory, Open, Open, "nb-NO", Now);
        Assert.True(greet.Greet);
        Assert.Equal(2, greet.RuleId);
        Assert.Equal("A stylist is free right now.", greet.Text);
        Assert.Equal("Spørsmål om bestillingen?", Engagement.Decide([rule], OnCart(25, 400), NoHistory, Open, Open, "nb-NO", Now).Text);

        var busy = Engagement.Decide([rule], OnCart(25, 400), NoHistory, new GateResult(false, "No operator has free capacity for web chat."), Open, "en", Now);
        Assert.False(busy.Greet);
        Assert.Contains("No operator has free capacity", busy.Reason);
        var capped = Engagement.Decide([rule], OnCart(25, 400), NoHistory, Open, new GateResult(false, "Already greeted"), "en", Now);
        Assert.False(capped.Greet);
        Assert.Contains("Already greeted", capped.Reason);
        var low = Engagement.Decide([rule], OnCart(25, 40), NoHistory, Open, Open, "en", Now);
        Assert.False(low.Greet);
        Assert.Equal("No rule reached its threshold yet.", low.Reason);
        Assert.Contains(low.Rules[0].Conditions, c => c.Kind == ConditionKind.CartValue && !c.Met);
        rule.Enabled = false;
        Assert.Empty(Engagement.Decide([rule], OnCart(25, 400), NoHistory, Open, Open, "en", Now).Rules);
    }

    [Fact]
    public void PercentileTiming_UsesTheHistoryOnceThereAreEnoughSamples_ElseTheFixedDwell()
    {
        double[] samples = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        Assert.Equal(60, Engagement.Percentile(samples, 60, minSamples: 20));
        Assert.Equal(90, Engagement.Percentile(samples, 90, minSamples: 20));
        Assert.Equal(1, Engagement.Percentile(samples, 1, minSamples: 20));
        Assert.Null(Engagement.Percentile([5, 6, 7], 60, minSamples: 20));
        Assert.Equal(6, Engagement.Percentile([7, 5, 6], 60, minSamples: 3));

        var p60 = new RuleCondition { Kind = ConditionKind.Dwell, Percentile = 60, Value = 45 };
        Assert.Equal(60, Engagement.DwellThreshold(p60, 60));
        Assert.Equal(45, Engagement.DwellThreshold(p60, null));
        var rule = CartRule(p60);
        rule.Threshold = 1;
        Assert.False(Engagement.Score(rule, OnCart(50, null), (_, _) => 60).Passed);
        Assert.True(Engagement.Score(rule, OnCart(61, null), (_, _) => 60).Passed);
        Assert.True(Engagement.Score(rule, OnCart(50, null), NoHistory).Passed); // fixed 45 s until the history is known
    }

    [Theory]
    [InlineData(true, true, null, null, true)]
    [InlineData(true, true, "1", null, false)]
    [InlineData(true, true, null, "1", false)]
    [InlineData(true, false, "1", "1", true)]
    [InlineData(false, false, null, null, false)]
    public void OptOut_DoNotTrackAndGlobalPrivacyControl_WhenTheOwnerHonoursThem(bool enabled, bool respect, string? dnt, string? gpc, bool tracked) =>
        Assert.Equal(tracked, Privacy.MayTrack(enabled, respect, dnt, gpc));
}

public sealed class LiveVisitorsTests
{
    [Fact]
    public void VisitorsWhoLeft_DropOutOfTheList_AndTheirTimeOnSiteIsKept()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var live = new LiveVisitors(clock, Microsoft.Extensions.Options.Options.Create(new EngagementOptions { LiveTimeout = TimeSpan.FromMinutes(2) }));
        var ada = live.GetOrAdd("v_ada");
        ada.VisitStartedAt = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromSeconds(95));
        ada.LastSeen = clock.GetUtcNow().UtcDateTime;
        Assert.Single(live.Now());

        clock.Advance(TimeSpan.FromMinutes(3));
        live.GetOrAdd("v_bo");

        Assert.Equal("v_bo", Assert.Single(live.Now()).VisitorId);
        Assert.True(live.EndedVisits.TryDequeue(out var seconds));
        Assert.Equal(95, seconds);
    }
}
