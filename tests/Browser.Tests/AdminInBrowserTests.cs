using System.Net.Http.Json;
using Microsoft.Playwright;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>An admin runs the contact center from the console: people, teams, a routing rule, SLA targets, disabling someone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    // Offers are accepted on the real clock: a busy machine must not let one expire before the operator's accept.
    private readonly HubFactory hub = new() { Settings = { ["Routing:LiveOfferTimeout"] = "00:02:00" } };
    private IBrowserContext? context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (context is not null)
            await context.DisposeAsync();
        await hub.DisposeAsync();
    }

    private async Task<IPage> AdminConsoleAsync(string section)
    {
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, await hub.CreateOperatorAsync("Alex", Roles.Admin));
        // The admin is not answering chats here: routing must not pick them.
        await console.Page.GetByTestId("presence-select").SelectOptionAsync("Away");
        await Assertions.Expect(console.Page.GetByTestId("presence-select")).ToHaveValueAsync("Away");
        await console.Page.GetByTestId("nav-admin").ClickAsync();
        await console.Page.GetByTestId($"admin-tab-{section}").ClickAsync();
        return console.Page;
    }

    private static async Task AddPersonAsync(IPage page, string name, string email)
    {
        await page.GetByTestId("new-operator-name").FillAsync(name);
        await page.GetByTestId("new-operator-email").FillAsync(email);
        await page.GetByTestId("new-operator-password").FillAsync(Password);
        await page.GetByTestId("new-operator-save").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=person-row][data-email='{email}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminWritesACheckoutRule_TheTeamGetsTheCheckoutChat_AndAnyoneAfterTheOverflow()
    {
        var page = await AdminConsoleAsync("people");
        await AddPersonAsync(page, "Cy Checkout", "cy@shop.test");
        var cyRow = page.Locator("[data-testid=person-row][data-email='cy@shop.test']");
        await cyRow.GetByText("Edit").ClickAsync();
        await cyRow.GetByTestId("edit-skills").FillAsync("payments");
        await cyRow.GetByTestId("edit-operator-save").ClickAsync();
        await Assertions.Expect(cyRow).ToContainTextAsync("payments");

        await page.GetByTestId("admin-tab-teams").ClickAsync();
        await page.GetByTestId("team-name").FillAsync("Checkout");
        await page.Locator("[data-testid=team-member][data-email='cy@shop.test']").CheckAsync();
        await page.GetByTestId("team-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-row")).ToContainTextAsync("Cy Checkout");

        await page.GetByTestId("admin-tab-routing").ClickAsync();
        await page.GetByTestId("rule-name").FillAsync("Checkout");
        await page.GetByTestId("rule-page").FillAsync("/checkout*");
        await page.GetByTestId("rule-team").SelectOptionAsync(new SelectOptionValue { Label = "Checkout" });
        await page.GetByTestId("rule-skills").FillAsync("payments");
        await page.GetByTestId("rule-overflow").FillAsync("5");
        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-row")).ToContainTextAsync("page is /checkout* → team Checkout, needs payments");

        // Bo is online too, and outside the team; Cy will pass on the chat so only the overflow can bring it to Bo.
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var boConsole = await bo.ConnectConsoleAsync();
        var cy = await hub.LoginAsync(new Operator { Email = "cy@shop.test", DisplayName = "Cy Checkout" });
        await using var cyConsole = await cy.ConnectConsoleAsync();

        await using var shopContext = await browser.Browser.NewContextAsync();
        var shop = await shopContext.NewPageAsync();
        // The loader reports the page (its first signals) before the visitor opens the chat.
        await shop.RunAndWaitForResponseAsync(() => shop.GotoAsync(new Uri(hub.BaseAddress, "/checkout/payment.html").ToString()),
            r => r.Url.Contains("/api/widget/signals", StringComparison.Ordinal));
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("My card keeps being refused");
        await shop.GetByTestId("omnichannel-send").ClickAsync();

        var toCy = await cyConsole.Offers.WaitAsync(o => o.Preview == "My card keeps being refused");
        Assert.DoesNotContain(boConsole.Offers.Seen, o => o.ConversationId == toCy.ConversationId);
        (await cy.Http.PostAsync($"/api/offers/{toCy.Id}/decline", null)).EnsureSuccessStatusCode();
        var toBo = await boConsole.Offers.WaitAsync(o => o.ConversationId == toCy.ConversationId, TimeSpan.FromSeconds(30));

        var timeline = (await bo.Http.GetFromJsonAsync<List<TimelineDto>>($"/api/conversations/{toBo.ConversationId}/timeline", TestJson.Options))!;
        Assert.Equal([TimelineKind.NeedsSet, TimelineKind.Offered, TimelineKind.Declined, TimelineKind.Overflowed, TimelineKind.Offered], timeline.Select(t => t.Kind));
        Assert.Equal("needs: payments → team Checkout (rule “Checkout”; anyone after 5 s)", timeline[0].Detail);
    }

    [Fact]
    public async Task AnSlaTargetChangedInTheConsole_AppliesToTheNextConversation()
    {
        var page = await AdminConsoleAsync("settings");
        await page.GetByTestId("sla-first-WebChat").FillAsync("75");
        await page.GetByTestId("sla-next-WebChat").FillAsync("90");
        await page.GetByTestId("sla-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sla-saved")).ToBeVisibleAsync();

        await hub.OperatorOnDutyAsync();
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var chat = await widget.SendAsync("how long until someone answers?");

        var duty = await hub.OperatorOnDutyAsync();
        var conversation = (await duty.Http.GetFromJsonAsync<ConversationDto>($"/api/conversations/{chat.ConversationId}", TestJson.Options))!;
        Assert.Equal(TimeSpan.FromSeconds(75), conversation.SlaDueAt!.Value - conversation.SlaStartedAt!.Value);

        await page.GetByTestId("sla-first-WebChat").FillAsync("0");
        await page.GetByTestId("sla-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sla-error")).ToContainTextAsync("policies[0].firstResponseSeconds");
    }

    [Fact]
    public async Task DisablingAnOperatorInTheConsole_ReroutesTheirOpenChat()
    {
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        await using var adaConsole = await ada.ConnectConsoleAsync();
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        var chat = await widget.SendAsync("where is my order?");
        var offer = await adaConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        (await ada.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var bo = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var boConsole = await bo.ConnectConsoleAsync();

        var page = await AdminConsoleAsync("people");
        var adaRow = page.Locator($"[data-testid=person-row][data-email='{ada.Operator.Email}']");
        await adaRow.GetByTestId("disable-operator").ClickAsync();
        await Assertions.Expect(adaRow).ToContainTextAsync("Disabled");

        await boConsole.Offers.WaitAsync(o => o.ConversationId == chat.ConversationId);
        await page.GetByTestId("admin-tab-audit").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-row][data-action='operator.disabled']")).ToContainTextAsync("Alex");
    }
}
