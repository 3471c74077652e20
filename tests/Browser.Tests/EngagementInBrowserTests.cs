using System.Net.Http.Json;
using Microsoft.Playwright;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>The widget on the demo shop: its three states, page rules and proactive greetings, in real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EngagementInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Offers are accepted on the real clock: a busy machine must not let one expire before the operator's accept.
    private readonly HubFactory hub = new() { Settings = { ["Routing:LiveOfferTimeout"] = "00:02:00" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private string Url(string path) => new Uri(hub.BaseAddress, path).ToString();

    private async Task<OperatorSession> AdminAsync() => await hub.LoginAsync(await hub.CreateOperatorAsync("Owner", Roles.Admin));

    [Fact]
    public async Task OutsideOpeningHours_TheWidgetShowsTheHoursAndTheAsynchronousChannels_AndNoInput()
    {
        // Open only on a weekday three days from now: closed at any time the test runs.
        var openDay = DateTime.UtcNow.AddDays(3).DayOfWeek;
        hub.Settings["OpeningHours:TimeZone"] = "UTC";
        hub.Settings[$"OpeningHours:Weekly:{openDay}"] = "09:00-17:00";
        hub.Settings["Widget:Alternatives:0:Channel"] = "WhatsApp";
        hub.Settings["Widget:Alternatives:0:Label"] = "WhatsApp";
        hub.Settings["Widget:Alternatives:0:Url"] = "https://wa.me/15551234567";
        hub.Settings["Widget:Alternatives:1:Channel"] = "Email";
        hub.Settings["Widget:Alternatives:1:Label"] = "Email";
        hub.Settings["Widget:Alternatives:1:Url"] = "mailto:help@example.com";
        await hub.OperatorOnDutyAsync();

        await using var context = await browser.Browser.NewContextAsync();
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(Url("/"));

        var state = shop.GetByTestId("omnichannel-state");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "closed");
        await Assertions.Expect(state).ToBeVisibleAsync();
        await Assertions.Expect(state).ToContainTextAsync("closed");
        await Assertions.Expect(shop.GetByTestId("omnichannel-hours")).ToContainTextAsync($"{openDay.ToString()[..3]} 09:00–17:00");
        await Assertions.Expect(shop.GetByTestId("omnichannel-hours")).ToContainTextAsync("Opens");
        var alternatives = shop.GetByTestId("omnichannel-alternative");
        await Assertions.Expect(alternatives).ToHaveCountAsync(2);
        await Assertions.Expect(alternatives.First).ToHaveTextAsync("WhatsApp — answer within 5 min");
        await Assertions.Expect(alternatives.First).ToHaveAttributeAsync("href", "https://wa.me/15551234567");
        await Assertions.Expect(alternatives.Nth(1)).ToHaveTextAsync("Email — answer within 1 day");

        // The launcher toggles the notice; it never opens an input for leaving a message.
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await Assertions.Expect(state).ToBeVisibleAsync();
        Assert.Equal(0, await shop.GetByTestId("omnichannel-input").CountAsync());
        Assert.Equal(0, await shop.GetByTestId("omnichannel-panel").CountAsync());
    }

    [Fact]
    public async Task OnAnExcludedPage_ThereIsNoWidget_AndTheChatBundleIsNotEvenRequested()
    {
        await hub.OperatorOnDutyAsync();
        var admin = await AdminAsync();
        (await admin.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "/checkout/payment*", exclude = true })).EnsureSuccessStatusCode();

        await using var context = await browser.Browser.NewContextAsync();
        var shop = await context.NewPageAsync();
        var requested = new List<string>();
        shop.Request += (_, request) => requested.Add(new Uri(request.Url).AbsolutePath);
        await shop.GotoAsync(Url("/cart.html"));
        await shop.GetByTestId("omnichannel-launcher").WaitForAsync();
        // A returning visitor with an open panel would load the chat at once; the excluded page must not.
        await shop.EvaluateAsync("() => localStorage.setItem('omnichannel.chat', JSON.stringify({conversationId: null, closed: false, open: true}))");
        requested.Clear();

        var bootstrap = shop.WaitForResponseAsync(r => r.Url.Contains("/api/widget/bootstrap"));
        await shop.GetByTestId("checkout").ClickAsync();
        await bootstrap;
        await shop.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.EndsWith("/checkout/payment.html", shop.Url);
        Assert.Equal(0, await shop.Locator("#omnichannel-widget").CountAsync());
        Assert.Equal(0, await shop.GetByTestId("omnichannel-launcher").CountAsync());
        Assert.Contains("/widget.js", requested);
        Assert.DoesNotContain(requested, p => p.StartsWith("/widget/", StringComparison.Ordinal));
    }

    private async Task<EngagementRule> CartRuleAsync(OperatorSession admin, int dwellSeconds, double cartAbove)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/engagement/rules", new
        {
            name = "Hesitating at the till",
            enabled = true,
            pages = "/cart*",
            threshold = 2,
            conditions = new object[]
            {
                new { kind = "Dwell", value = dwellSeconds, weight = 1 },
                new { kind = "CartValue", value = cartAbove, weight = 1 },
            },
            greeting = new Dictionary<string, string> { ["en"] = "Anything we can help with before you check out?" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EngagementRule>(TestJson.Options))!;
    }

    [Fact]
    public async Task OnTheCartPage_WithACartAboveTheThreshold_TheGreetingAppearsAfterTheConfiguredDwell()
    {
        await hub.OperatorOnDutyAsync();
        var admin = await AdminAsync();
        var rule = await CartRuleAsync(admin, dwellSeconds: 3, cartAbove: 100);

        await using var context = await browser.Browser.NewContextAsync();
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(Url("/cart.html"));
        var loaded = DateTime.UtcNow;
        var greeting = shop.GetByTestId("omnichannel-proactive");
        await shop.GetByTestId("omnichannel-launcher").WaitForAsync();
        Assert.False(await greeting.IsVisibleAsync());

        await Assertions.Expect(greeting).ToBeVisibleAsync(new() { Timeout = 30000 });
        Assert.True(DateTime.UtcNow - loaded >= TimeSpan.FromSeconds(2.5), "The greeting came before the configured dwell.");
        await Assertions.Expect(greeting).ToContainTextAsync("Anything we can help with before you check out?");

        // The console sees the visitor, the cart value and why they were greeted.
        var visitors = await admin.Http.GetFromJsonAsync<List<LiveVisitorDto>>("/api/engagement/visitors", TestJson.Options);
        var visitor = Assert.Single(visitors!);
        Assert.Equal(322.5, visitor.CartValue);
        Assert.Equal("/cart.html", visitor.Path);
        Assert.True(visitor.LastDecision!.Greet);
        Assert.Equal(rule.Id, visitor.LastDecision.RuleId);

        // Accepting opens the chat.
        await greeting.ClickAsync();
        await shop.GetByTestId("omnichannel-panel").WaitForAsync();
        await Assertions.Expect(shop.GetByTestId("omnichannel-greeting")).ToHaveTextAsync("Anything we can help with before you check out?");
        await Assertions.Expect(greeting).ToBeHiddenAsync();
        await Eventually.TrueAsync(() => Effect(admin).Accepted == 1, "the acceptance is counted for the rule");
    }

    private static RuleEffectDto Effect(OperatorSession admin) =>
        admin.Http.GetFromJsonAsync<List<RuleEffectDto>>("/api/engagement/effect", TestJson.Options).GetAwaiter().GetResult()!.Single();

    [Fact]
    public async Task WithAllOperatorsAtCapacity_NobodyIsGreeted_AndTheConsoleSaysWhy()
    {
        var busy = await hub.LoginAsync(await hub.CreateOperatorAsync("Bea"));
        (await busy.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 1 })).EnsureSuccessStatusCode();
        var console = await busy.ConnectConsoleAsync();
        (await busy.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        var other = await hub.NewVisitorAsync();
        await using var widget = await other.ConnectAsync();
        var chat = await widget.SendAsync("I need help with my order");
        var offer = await console.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await busy.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();

        var admin = await AdminAsync();
        await CartRuleAsync(admin, dwellSeconds: 1, cartAbove: 100);

        await using var context = await browser.Browser.NewContextAsync();
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(Url("/cart.html"));
        await shop.GetByTestId("omnichannel-launcher").WaitForAsync();
        await Assertions.Expect(shop.GetByTestId("omnichannel-state")).ToHaveAttributeAsync("data-state", "busy");

        // Wait until the hub has decided with the dwell and the cart met (the rule passes) — and still did not greet.
        LiveVisitorDto? seen = null;
        await Eventually.TrueAsync(() =>
        {
            seen = admin.Http.GetFromJsonAsync<List<LiveVisitorDto>>("/api/engagement/visitors", TestJson.Options).GetAwaiter().GetResult()!
                .SingleOrDefault(v => v.LastDecision?.Rules.Any(r => r.Passed) == true);
            return seen is not null;
        }, "the rule passed for the visitor", TimeSpan.FromSeconds(90));
        Assert.False(seen!.LastDecision!.Greet);
        Assert.False(seen.LastDecision.Capacity.Allowed);
        Assert.Contains("matched, but", seen.LastDecision.Reason);
        Assert.False(await shop.GetByTestId("omnichannel-proactive").IsVisibleAsync());
        // The decision shows in the live list as it is made; its events are stored right after.
        await Eventually.TrueAsync(() => Effect(admin).Matched == 1, "the match is counted for the rule");
        Assert.Equal(0, Effect(admin).Greeted);
    }

    [Fact]
    public async Task AfterTheOperatorClosesTheChat_TheVisitorRatesItInTheWidget_AndTheRatingReachesTheConsole()
    {
        var op = await hub.CreateOperatorAsync("Olivia");
        await using var operatorContext = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, op);

        await using var visitorContext = await browser.Browser.NewContextAsync();
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(Url("/"));
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("Do you ship to Tromsø?");
        await shop.GetByTestId("omnichannel-send").ClickAsync();
        Assert.Equal(0, await shop.GetByTestId("omnichannel-csat").Filter(new() { Visible = true }).CountAsync());

        var row = console.Row("Tromsø");
        await row.ClickAsync();
        await console.Page.GetByTestId("reply-input").FillAsync("We do — 2 to 3 days.");
        await console.Page.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(shop.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("2 to 3 days");
        await console.Page.GetByTestId("close-button").ClickAsync();

        var survey = shop.GetByTestId("omnichannel-csat");
        await Assertions.Expect(survey).ToBeVisibleAsync();
        await shop.Locator("[data-testid=omnichannel-csat-score][data-score='5']").ClickAsync();
        await shop.GetByTestId("omnichannel-csat-comment").FillAsync("Fast and friendly");
        await shop.GetByTestId("omnichannel-csat-send").ClickAsync();
        await Assertions.Expect(shop.GetByTestId("omnichannel-csat-thanks")).ToBeVisibleAsync();

        var rating = console.Page.GetByTestId("conversation-csat");
        await Assertions.Expect(rating).ToContainTextAsync("Rated 5/5", new() { Timeout = 30000 });
        await Assertions.Expect(rating).ToContainTextAsync("Fast and friendly");
    }

    [Fact]
    public async Task AnAdminExcludesAPageInTheConsole_TheWidgetIsGoneThereAtOnce_AndTheConsoleShowsWhyAVisitorWasNotGreeted()
    {
        await hub.OperatorOnDutyAsync();
        var owner = await hub.CreateOperatorAsync("Owner", Roles.Admin);
        await using var operatorContext = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, owner);
        await console.Page.GetByTestId("nav-engagement").ClickAsync();
        await console.Page.GetByTestId("page-rule-pattern").FillAsync("/product*");
        await console.Page.GetByTestId("page-rule-exclude").CheckAsync();
        await console.Page.GetByTestId("page-rule-add").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("page-rule")).ToContainTextAsync("never on");

        await using var visitorContext = await browser.Browser.NewContextAsync();
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(Url("/cart.html"));
        await shop.GetByTestId("omnichannel-launcher").WaitForAsync();
        await shop.GotoAsync(Url("/product.html"));
        await shop.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await shop.GetByTestId("omnichannel-launcher").CountAsync());

        // The visitor still shows in the live list (signals count on every page), with the reason nobody greeted them.
        var row = console.Page.GetByTestId("live-visitor").Filter(new() { HasText = "/product.html" });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30000 });
        await row.GetByTestId("why-button").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("why-greeted")).ToContainTextAsync("Not greeted");
    }
}
