using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Targeting;

/// <summary>The loader's signals against the real hub: live visitors, privacy, explainable decisions, operator-initiated chat.</summary>
public sealed class SignalsAndLiveVisitorsTests : IAsyncLifetime
{
    // The hub's clock: a time on page counts only as far as that much time really passed since the hub saw the view.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public SignalsAndLiveVisitorsTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<(HttpStatusCode Status, SignalAnswer? Answer)> SignalsAsync(object batch, Action<HttpRequestMessage>? tweak = null)
    {
        // Sent like the loader does: text/plain (a simple cross-origin request, no preflight), with the visitor token the
        // loader gets from POST /api/widget/visitor first (a batch here without one is a new visitor's first).
        var json = JsonSerializer.SerializeToNode(batch)!.AsObject();
        if (json["token"] is null)
            json["token"] = (await hub.NewVisitorAsync()).Token;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/signals") { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "text/plain") };
        tweak?.Invoke(request);
        var response = await hub.Http().SendAsync(request);
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<SignalAnswer>(TestJson.Options) : null);
    }

    [Fact]
    public async Task Signals_FillTheLiveVisitorsList_WithCartAndIdentity_AndExplainTheDecision()
    {
        var op = await hub.OperatorOnDutyAsync();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        (await admin.Http.PostAsJsonAsync("/api/engagement/rules", new
        {
            name = "Big cart", enabled = true, pages = "/cart*", threshold = 2,
            conditions = new object[] { new { kind = "Dwell", value = 30 }, new { kind = "CartValue", value = 100 } },
            greeting = new Dictionary<string, string> { ["en"] = "Need a hand?" },
        })).EnsureSuccessStatusCode();

        var (status, first) = await SignalsAsync(new
        {
            path = "/cart.html", dwell = 2, lang = "en",
            events = new object[] { new object[] { "v", "/cart.html" }, new object[] { "k", "cart", new { value = 250.0 } }, new object[] { "i", new { name = "Kari" } } },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(first!.Greet);

        var visitor = Assert.Single((await op.Http.GetFromJsonAsync<List<LiveVisitorDto>>("/api/engagement/visitors", TestJson.Options))!);
        Assert.Equal((first.VisitorId, "/cart.html", 250.0, "Kari", 1), (visitor.VisitorId, visitor.Path, visitor.CartValue, visitor.Name, visitor.Visits));
        var why = (await op.Http.GetFromJsonAsync<EngagementDecision>($"/api/engagement/visitors/{first.VisitorId}/decision", TestJson.Options))!;
        Assert.False(why.Greet);
        var rule = Assert.Single(why.Rules);
        Assert.Contains(rule.Conditions, c => c.Kind == ConditionKind.Dwell && !c.Met && c.Expected == "dwell ≥ 30 s" && c.Actual == "2 s");
        Assert.Contains(rule.Conditions, c => c.Kind == ConditionKind.CartValue && c.Met);

        clock.Advance(TimeSpan.FromSeconds(30));
        var (_, later) = await SignalsAsync(new { token = first.Token, path = "/cart.html", dwell = 31 });
        Assert.Equal(first.VisitorId, later!.VisitorId);
        Assert.Equal("Need a hand?", later.Greet!.Text);
        // Frequency cap: not again.
        var (_, again) = await SignalsAsync(new { token = first.Token, path = "/cart.html", dwell = 45 });
        Assert.Null(again!.Greet);
    }

    [Fact]
    public async Task DoNotTrackAndGlobalPrivacyControl_NothingIsRecorded()
    {
        var (dnt, _) = await SignalsAsync(new { path = "/", events = new object[] { new object[] { "v", "/" } } }, r => r.Headers.Add("DNT", "1"));
        var (gpc, _) = await SignalsAsync(new { path = "/" }, r => r.Headers.Add("Sec-GPC", "1"));

        Assert.Equal(HttpStatusCode.NoContent, dnt);
        Assert.Equal(HttpStatusCode.NoContent, gpc);
        await using var scope = hub.Provider.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().VisitorProfiles.CountAsync());
        Assert.Empty(hub.Provider.GetRequiredService<LiveVisitors>().Now());
    }

    [Fact]
    public async Task AnOperatorStartsAChatWithALiveVisitor_OnlyWithFreeCapacity_AndTheWidgetIsInvited()
    {
        var full = await hub.LoginAsync(await hub.CreateOperatorAsync("Full"));
        (await full.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 0 })).EnsureSuccessStatusCode();
        var op = await hub.OperatorOnDutyAsync();
        var (_, seen) = await SignalsAsync(new { path = "/product.html", dwell = 40 });

        var refused = await full.Http.PostAsJsonAsync($"/api/engagement/visitors/{seen!.VisitorId}/chat", new { text = "Hi!" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("capacity", await refused.Content.ReadAsStringAsync());

        var started = await op.Http.PostAsJsonAsync($"/api/engagement/visitors/{seen.VisitorId}/chat", new { text = "Hi! Can I help you pick a size?" });
        started.EnsureSuccessStatusCode();
        var conversation = (await started.Content.ReadFromJsonAsync<ConversationDto>(TestJson.Options))!;
        Assert.Equal(ConversationState.Assigned, conversation.State);

        var (_, next) = await SignalsAsync(new { token = seen.Token, path = "/product.html", dwell = 45 });
        Assert.Equal(conversation.Id, next!.Invite);
        var widget = await new VisitorSession(hub, seen.VisitorId, seen.Token).ConnectAsync();
        await using var _ = widget;
        var history = await widget.HistoryAsync(null);
        Assert.Equal(conversation.Id, history.ConversationId);
        Assert.Contains(history.Messages, m => m.Text == "Hi! Can I help you pick a size?" && m.Direction == "operator");
    }

    [Fact]
    public async Task PercentileTiming_ComesFromTheRecordedTimeOnPage_AndEffectCountsGreetingsAcceptancesAndConversions()
    {
        await hub.OperatorOnDutyAsync();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        var created = await admin.Http.PostAsJsonAsync("/api/engagement/rules", new
        {
            name = "Cart p60", enabled = true, pages = "/cart*", threshold = 1,
            conditions = new object[] { new { kind = "Dwell", percentile = 60, value = 45 } },
            greeting = new Dictionary<string, string> { ["en"] = "Hi there!" },
        });
        created.EnsureSuccessStatusCode();
        var rule = (await created.Content.ReadFromJsonAsync<EngagementRule>(TestJson.Options))!;

        // Too little history: the rule's fixed 45 s.
        var boot = (await hub.Http().GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/cart.html", TestJson.Options))!;
        Assert.Equal(45, Assert.Single(boot.Engage).After);

        // 20 finished cart page views of 1..20 s (and product pages that do not count for this rule), each reported by a
        // visitor whose page view the hub saw (issue 16: a time on page without a seen view is not history).
        var viewers = new List<SignalAnswer>();
        for (var i = 1; i <= 20; i++)
            viewers.Add((await SignalsAsync(new { path = "/cart.html", events = new object[] { new object[] { "v", "/cart.html" }, new object[] { "v", "/product.html" } } })).Answer!);
        clock.Advance(TimeSpan.FromSeconds(20));
        for (var i = 1; i <= 20; i++)
            await SignalsAsync(new { token = viewers[i - 1].Token, path = "/cart.html", events = new object[] { new object[] { "e", "/cart.html", (double)i }, new object[] { "e", "/product.html", 500.0 } } });
        boot = (await hub.Http().GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/cart.html", TestJson.Options))!;
        Assert.Equal(12, Assert.Single(boot.Engage).After);
        Assert.Empty((await hub.Http().GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/product.html", TestJson.Options))!.Engage);
        var timing = (await admin.Http.GetFromJsonAsync<TimingDto>("/api/engagement/timing?pages=/cart*", TestJson.Options))!;
        Assert.Equal((12.0, 10.0, 18.0), (timing.TimeOnPage[60]!.Value, timing.TimeOnPage[50]!.Value, timing.TimeOnPage[90]!.Value));
        Assert.Null(timing.TimeOnSite[50]);

        var (_, early) = await SignalsAsync(new { path = "/cart.html", dwell = 11 });
        Assert.Null(early!.Greet);
        var (_, greeted) = await SignalsAsync(new { token = early.Token, path = "/cart.html", dwell = 12.3 });
        Assert.Equal(rule.Id, greeted!.Greet!.Rule);
        await SignalsAsync(new { token = early.Token, path = "/cart.html", events = new object[] { new object[] { "g", rule.Id, "accept" } } });
        await SignalsAsync(new { token = early.Token, path = "/checkout/payment.html", events = new object[] { new object[] { "v", "/checkout/payment.html" }, new object[] { "k", "conversion", new { value = 322.5 } } } });

        var effect = Assert.Single((await admin.Http.GetFromJsonAsync<List<RuleEffectDto>>("/api/engagement/effect", TestJson.Options))!);
        Assert.Equal((1, 1, 1, 1, 0), (effect.Matched, effect.Greeted, effect.Accepted, effect.Converted, effect.Dismissed));
    }

    [Fact]
    public async Task AChatStartedFromAGreeting_CountsItsCsatForTheRule()
    {
        var duty = await hub.OperatorOnDutyAsync();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        var created = await admin.Http.PostAsJsonAsync("/api/engagement/rules", new
        {
            name = "Anyone on the cart", enabled = true, pages = "/cart*", threshold = 1,
            conditions = new object[] { new { kind = "PageViews", value = 1 } },
            greeting = new Dictionary<string, string> { ["en"] = "Hi!" },
        });
        var rule = (await created.Content.ReadFromJsonAsync<EngagementRule>(TestJson.Options))!;
        var (_, greeted) = await SignalsAsync(new { path = "/cart.html", events = new object[] { new object[] { "v", "/cart.html" } } });
        Assert.Equal(rule.Id, greeted!.Greet!.Rule);
        await SignalsAsync(new { token = greeted.Token, path = "/cart.html", events = new object[] { new object[] { "g", rule.Id, "accept" } } });

        var widget = await new VisitorSession(hub, greeted.VisitorId, greeted.Token).ConnectAsync();
        await using var _ = widget;
        var ack = await widget.SendAsync("Is shipping free?");
        await duty.ReplyAsync(ack.ConversationId, "Yes, over €100.");
        (await duty.Http.PostAsync($"/api/conversations/{ack.ConversationId}/close", null)).EnsureSuccessStatusCode();
        await widget.Closed.WaitAsync(id => id == ack.ConversationId);

        using var visitorHttp = hub.Http();
        visitorHttp.DefaultRequestHeaders.Authorization = new("Bearer", greeted.Token);
        var rated = await visitorHttp.PostAsJsonAsync($"/api/widget/conversations/{ack.ConversationId}/csat", new { score = 5, comment = "Thanks!" });
        rated.EnsureSuccessStatusCode();
        var stranger = await hub.NewVisitorAsync();
        using var strangerHttp = hub.Http();
        strangerHttp.DefaultRequestHeaders.Authorization = new("Bearer", stranger.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.PostAsJsonAsync($"/api/widget/conversations/{ack.ConversationId}/csat", new { score = 1 })).StatusCode);

        var effect = Assert.Single((await admin.Http.GetFromJsonAsync<List<RuleEffectDto>>("/api/engagement/effect", TestJson.Options))!);
        Assert.Equal((1, 1, 1, 5.0), (effect.Greeted, effect.Accepted, effect.Ratings, effect.AverageCsat));
    }

    [Fact]
    public async Task ForgedTimesOnPage_DoNotMoveTheDwellPercentiles()
    {
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann", Operators.Roles.Admin));
        // 200 cart views of 149 s that the hub never saw, absurd and repeated values for a seen view, and 149 s claimed
        // for a view the hub saw a moment ago (issue 16: the attack that pushed cart p60 to 149 s).
        var forged = Enumerable.Range(0, 200).Select(_ => new object[] { "e", "/forged.html", 149.0 }).ToArray();
        await SignalsAsync(new { path = "/forged.html", events = forged });
        var (_, seen) = await SignalsAsync(new { path = "/forged.html", events = new object[] { new object[] { "v", "/forged.html" } } });
        await SignalsAsync(new { token = seen!.Token, path = "/forged.html", events = new object[] { new object[] { "e", "/forged.html", 9e9 } } });
        await SignalsAsync(new { token = seen.Token, path = "/forged.html", events = new object[] { new object[] { "e", "/forged.html", 5.0 }, new object[] { "e", "/forged.html", 5.0 } } });
        for (var i = 0; i < 10; i++)
            await SignalsAsync(new { path = "/forged.html", events = new object[] { new object[] { "v", "/forged.html" }, new object[] { "e", "/forged.html", 149.0 } } });

        var timing = (await admin.Http.GetFromJsonAsync<TimingDto>("/api/engagement/timing?pages=/forged*", TestJson.Options))!;

        Assert.All(timing.TimeOnPage.Values, v => Assert.Null(v)); // nothing reached MinSamples
    }

    [Theory]
    [InlineData(12.5, 20, 0, 0, true)]
    [InlineData(12.5, 20, 0, 30, false)] // the visitor's share for the day is used up
    [InlineData(12.5, 20, 13, 0, false)] // shorter than what the visitor already reported for the view: not monotonic
    [InlineData(149, 10, 0, 0, false)] // more time than passed since the hub saw the view
    [InlineData(-1, 20, 0, 0, false)]
    [InlineData(double.NaN, 20, 0, 0, false)]
    [InlineData(5 * 3600, 6 * 3600, 0, 0, false)]
    public void DwellPlausibility_OnlySeenViewsWithSaneMonotonicTimesThatReallyPassed(double seconds, double passed, double reported, int samplesToday, bool accepted)
    {
        var seenAt = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var view = new OpenView(seenAt) { Reported = reported };

        Assert.Equal(accepted, DwellPlausibility.Accept(seconds, view, seenAt.AddSeconds(passed), samplesToday));
        Assert.False(DwellPlausibility.Accept(seconds, null, seenAt.AddSeconds(passed), 0)); // a view the hub never saw
        Assert.False(DwellPlausibility.Accept(seconds, view, seenAt.AddSeconds(passed), 0, pageSampledToday: true)); // one per page a day
    }
}
