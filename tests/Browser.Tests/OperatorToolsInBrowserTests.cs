using System.Net.Http.Json;
using Microsoft.Playwright;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>The operator's day in the console: customer panel, canned responses, notes with mentions, labels, search, accessibility.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorToolsInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new() { Settings = { ["Engagement:FlushSeconds"] = "1" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Operator_sees_page_trail_cart_and_the_earlier_email_of_the_same_contact_then_answers_with_a_canned_response()
    {
        var op = await hub.CreateOperatorAsync("Olivia");
        var api = await hub.LoginAsync(op);
        (await api.Http.PostAsJsonAsync("/api/canned-responses", new { shortcut = "hello", text = "Hi {{contact.name}}, {{operator.name}} here. About order {{order.number}}:" })).EnsureSuccessStatusCode();
        await using var operatorContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, op);

        await using var visitorContext = await browser.Browser.NewContextAsync();
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/product.html").ToString());
        // A person reads a page for a moment: the loader's first signals answer (the visitor's token) arrives before they move on.
        await shop.WaitForFunctionAsync("() => localStorage.getItem('omnichannel.visitor')");
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/cart.html").ToString());
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("Where is my rain jacket order?");
        await shop.GetByTestId("omnichannel-send").ClickAsync();

        var row = console.Row("rain jacket order");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var chatId = long.Parse((await row.GetAttributeAsync("data-conversation-id"))!);
        var chat = (await api.Http.GetFromJsonAsync<ConversationDto>($"/api/conversations/{chatId}", TestJson.Options))!;
        // The same person wrote by e-mail last week; the operator (or a verified identity) linked the two contacts.
        var email = await Seed.ConversationAsync(hub, ChannelKind.Email, op.Id, $"mia-{Guid.NewGuid():N}@example.com", "Mia Jansen", "My parcel never arrived, order 4471");
        var emailContact = (await api.Http.GetFromJsonAsync<ConversationDto>($"/api/conversations/{email}", TestJson.Options))!.ContactId;
        (await api.Http.PostAsJsonAsync($"/api/contacts/{emailContact}/merge", new { otherContactId = chat.ContactId })).EnsureSuccessStatusCode();
        await UntilAsync(() => CartKnownAsync(api, chatId), "the widget's signals (page trail and cart) reached the hub");

        await row.ClickAsync();
        var panel = console.Page.GetByTestId("customer-panel");
        await Assertions.Expect(panel.GetByTestId("customer-name")).ToHaveTextAsync("Mia Jansen");
        await Assertions.Expect(panel.GetByTestId("customer-trail")).ToContainTextAsync("/product.html");
        await Assertions.Expect(panel.GetByTestId("customer-trail")).ToContainTextAsync("/cart.html");
        await Assertions.Expect(panel.GetByTestId("customer-cart")).ToHaveTextAsync("322.50");
        var earlier = panel.Locator("[data-testid=earlier-conversation][data-channel=Email]");
        await earlier.GetByTestId("earlier-toggle").ClickAsync();
        await Assertions.Expect(earlier.GetByTestId("earlier-messages")).ToContainTextAsync("order 4471");
        await Axe.AssertNoSeriousViolationsAsync(console.Page);

        await console.Page.GetByTestId("claim-button").ClickAsync();
        var input = console.Page.GetByTestId("reply-input");
        await input.FocusAsync();
        await console.Page.Keyboard.TypeAsync("/hel");
        await Assertions.Expect(console.Page.GetByTestId("canned-option")).ToHaveCountAsync(1);
        await console.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(input).ToHaveValueAsync("Hi Mia Jansen, Olivia here. About order:");
        await Assertions.Expect(console.Page.GetByTestId("reply-warning")).ToContainTextAsync("{{order.number}}");
        await console.Page.Keyboard.TypeAsync(" it left today.");
        await console.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(shop.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("Hi Mia Jansen, Olivia here");
    }

    [Fact]
    public async Task A_note_with_a_mention_reaches_the_colleague_live_and_never_the_visitor_then_labels_filter_and_search_find_it()
    {
        var ann = await hub.CreateOperatorAsync("Ann");
        var bea = await hub.CreateOperatorAsync("Bea", Roles.Supervisor);
        var boss = await hub.LoginAsync(bea);
        var vip = (await (await boss.Http.PostAsJsonAsync("/api/labels", new { name = "vip", color = "#8a2be2" })).Content.ReadFromJsonAsync<LabelDto>(TestJson.Options))!;
        await using var annContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await using var beaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var annConsole = new ConsolePage(await annContext.NewPageAsync());
        var beaConsole = new ConsolePage(await beaContext.NewPageAsync());
        await annConsole.LogInAsync(hub.BaseAddress, ann);
        await beaConsole.LogInAsync(hub.BaseAddress, bea);
        await Seed.ConversationAsync(hub, ChannelKind.Telegram, ann.Id, null, "Someone else", "unrelated question");

        await using var visitorContext = await browser.Browser.NewContextAsync();
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/").ToString());
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("My zeppelin tent has a torn seam");
        await shop.GetByTestId("omnichannel-send").ClickAsync();
        var row = annConsole.Row("zeppelin tent");
        await row.ClickAsync();
        await annConsole.Page.GetByTestId("claim-button").ClickAsync();

        await annConsole.Page.GetByTestId("reply-input").FocusAsync();
        await annConsole.Page.Keyboard.PressAsync("Alt+n");
        await annConsole.Page.Keyboard.TypeAsync("@Bea can we replace the zeppelin tent for free?");
        await annConsole.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(annConsole.Page.GetByTestId("console-note")).ToContainTextAsync("replace the zeppelin tent");

        var toast = beaConsole.Page.Locator("[data-testid^=toast-mention]");
        await Assertions.Expect(toast).ToContainTextAsync("Ann mentioned you");
        await toast.GetByTestId("toast-open").ClickAsync();
        await Assertions.Expect(beaConsole.Page.GetByTestId("console-note")).ToContainTextAsync("replace the zeppelin tent");
        await annConsole.Page.Keyboard.PressAsync("Alt+n");
        await annConsole.Page.Keyboard.TypeAsync("We will send a new tent.");
        await annConsole.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(shop.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("new tent");
        Assert.Equal(0, await shop.GetByTestId("omnichannel-message").Filter(new() { HasText = "for free" }).CountAsync());

        await annConsole.Page.GetByTestId("labels-button").ClickAsync();
        await annConsole.Page.GetByTestId("label-option-vip").CheckAsync();
        await Assertions.Expect(annConsole.Page.GetByTestId("label-option-vip")).ToBeCheckedAsync();
        await Assertions.Expect(annConsole.Page.Locator(".label-picker").GetByTestId("label-chip").First).ToContainTextAsync("vip");
        await annConsole.Page.GetByTestId("inbox-tab-all").ClickAsync();
        await Assertions.Expect(annConsole.Row("Someone else")).ToBeVisibleAsync();
        await annConsole.Page.GetByTestId("inbox-label").SelectOptionAsync(vip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(annConsole.Row("Someone else")).ToHaveCountAsync(0);
        await Assertions.Expect(annConsole.Page.GetByTestId("conversation-row")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(annConsole.Page);

        await annConsole.Page.GetByTestId("nav-search").ClickAsync();
        await annConsole.Page.GetByTestId("search-input").FillAsync("zeppelin \"tent");
        await annConsole.Page.GetByTestId("search-submit").ClickAsync();
        var hits = annConsole.Page.GetByTestId("search-hit");
        await Assertions.Expect(hits.Filter(new() { HasText = "torn seam" })).ToHaveCountAsync(1);
        await Assertions.Expect(hits.Filter(new() { HasText = "torn seam" }).Locator("mark").First).ToHaveTextAsync("zeppelin");
        await Assertions.Expect(annConsole.Page.Locator("[data-testid=search-hit][data-kind=Note]")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(annConsole.Page);
        await hits.Filter(new() { HasText = "torn seam" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(annConsole.Page.GetByTestId("console-message").Filter(new() { HasText = "torn seam" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_board_and_the_shortcut_overlay_have_no_serious_accessibility_violations_and_the_console_speaks_Dutch()
    {
        var sue = await hub.CreateOperatorAsync("Sue", Roles.Supervisor);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, sue);
        await Axe.AssertNoSeriousViolationsAsync(console.Page);

        await console.Page.GetByTestId("nav-board").ClickAsync();
        await console.Page.Locator(".sla-board").First.WaitForAsync();
        await Axe.AssertNoSeriousViolationsAsync(console.Page);

        await console.Page.Locator("body").PressAsync("?");
        await Assertions.Expect(console.Page.GetByTestId("shortcuts-overlay")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(console.Page);
        await console.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(console.Page.GetByTestId("shortcuts-overlay")).ToHaveCountAsync(0);

        await console.Page.GetByTestId("language-select").SelectOptionAsync("nl");
        await Assertions.Expect(console.Page.GetByTestId("nav-search")).ToHaveTextAsync("Zoeken");
        Assert.Equal("nl", await console.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await console.Page.ReloadAsync();
        await Assertions.Expect(console.Page.GetByTestId("nav-contacts")).ToHaveTextAsync("Contacten");
    }

    private static async Task<bool> CartKnownAsync(OperatorSession api, long conversationId)
    {
        var profile = await api.Http.GetFromJsonAsync<Omnichannel.Hub.Contacts.ContactProfileDto>($"/api/conversations/{conversationId}/customer", TestJson.Options);
        return profile!.Web.Any(w => w.CartValue is not null && w.PageTrail.Any(p => p.Path == "/cart.html"));
    }

    /// <summary>Polls the hub's API until the condition holds (the loader flushes signals every second here); fails after 30 s.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition())
            if (!await tick.WaitForNextTickAsync(cts.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully))
                throw new TimeoutException($"Timed out waiting until {what}.");
    }
}
