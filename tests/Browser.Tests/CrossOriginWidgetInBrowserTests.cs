using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>
/// The widget as it is really used: a shop on its own origin (another loopback port) embeds the hub's /widget.js.
/// The hub lists the shop in Widget:AllowedOrigins (a list, not "*").
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossOriginWidgetInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new();
    private ShopServer shop = null!;

    public async Task InitializeAsync()
    {
        shop = await ShopServer.StartAsync();
        hub.Settings["Widget:AllowedOrigins:0"] = shop.OriginText;
        shop.Hub = hub.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        await shop.DisposeAsync();
        await hub.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShopOnAnotherOrigin_VisitorChats_OperatorReplies_ReloadKeepsIt_SurveyAfterClose(bool strictCsp)
    {
        shop.StrictCsp = strictCsp;
        var duty = await hub.OperatorOnDutyAsync();
        await using var console = await duty.ConnectConsoleAsync();

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("CORS", StringComparison.Ordinal))
                violations.Add(message.Text);
        };
        var response = await page.GotoAsync(shop.Origin.ToString());
        Assert.Equal(strictCsp, (await response!.AllHeadersAsync()).ContainsKey("content-security-policy"));

        await page.GetByTestId("omnichannel-launcher").ClickAsync();
        await Assertions.Expect(page.GetByTestId("omnichannel-panel")).ToHaveAttributeAsync("data-status", "connected");
        // Styled by the widget's own stylesheet, which a strict style-src must not block.
        Assert.Equal("fixed", await page.GetByTestId("omnichannel-panel").EvaluateAsync<string>("e => getComputedStyle(e).position"));
        await page.GetByTestId("omnichannel-input").FillAsync("Do the boots come in size 46?");
        await page.GetByTestId("omnichannel-send").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=visitor]")).ToHaveAttributeAsync("data-state", "sent");

        var inbound = await console.Messages.WaitAsync(m => m.Text.Contains("size 46"));
        // Honest while waiting: the message arrived, and where the visitor stands.
        await Assertions.Expect(page.GetByTestId("omnichannel-wait")).ToContainTextAsync("Message received.");
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=visitor]")).ToHaveAttributeAsync("data-receipt", "delivered");

        (await duty.Http.PostAsJsonAsync($"/api/conversations/{inbound.ConversationId}/typing", new { typing = true })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("omnichannel-typing")).ToHaveTextAsync("Duty is typing…");
        await duty.ReplyAsync(inbound.ConversationId, "They do — in brown and black.");
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("brown and black");
        await Assertions.Expect(page.GetByTestId("omnichannel-typing")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=visitor]")).ToHaveAttributeAsync("data-receipt", "read");
        await Assertions.Expect(page.GetByTestId("omnichannel-wait")).ToBeHiddenAsync();

        var typing = new Inbox<VisitorTypingDto>();
        console.Connection.On<VisitorTypingDto>("VisitorTyping", typing.Add);
        await page.GetByTestId("omnichannel-input").PressSequentiallyAsync("Great, thanks");
        Assert.Equal(inbound.ConversationId, (await typing.WaitAsync(t => t.Preview == "Great, thanks")).ConversationId);
        await page.GetByTestId("omnichannel-input").FillAsync("");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("omnichannel-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("brown and black");
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=visitor]")).ToContainTextAsync("size 46");

        (await duty.Http.PostAsync($"/api/conversations/{inbound.ConversationId}/close", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("omnichannel-csat")).ToBeVisibleAsync();
        await page.Locator("[data-testid=omnichannel-csat-score][data-score='5']").ClickAsync();
        await page.GetByTestId("omnichannel-csat-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("omnichannel-csat-thanks")).ToBeVisibleAsync();

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("nl", "Schrijf een bericht…", "Verstuur", "Chat openen")]
    [InlineData("en", "Write a message…", "Send", "Open chat")]
    [InlineData("xx", "Write a message…", "Send", "Open chat")]
    public async Task TheWidgetSpeaksThePagesLanguage_EnglishByDefault(string lang, string placeholder, string send, string launcherLabel)
    {
        shop.Lang = lang;
        await hub.OperatorOnDutyAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Origin.ToString());

        var launcher = page.GetByTestId("omnichannel-launcher");
        await Assertions.Expect(launcher).ToHaveAttributeAsync("aria-label", launcherLabel);
        await launcher.ClickAsync();

        await Assertions.Expect(page.GetByTestId("omnichannel-input")).ToHaveAttributeAsync("placeholder", placeholder);
        await Assertions.Expect(page.GetByTestId("omnichannel-send")).ToHaveTextAsync(send);
    }

    [Fact]
    public async Task OnAPhone_NothingIsOffScreen_AndTouchTargetsAreAtLeast44Px()
    {
        await hub.OperatorOnDutyAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Origin.ToString());
        var launcher = page.GetByTestId("omnichannel-launcher");
        await AssertOnScreenAsync(launcher, minTarget: 44);

        await launcher.ClickAsync();
        await Assertions.Expect(page.GetByTestId("omnichannel-panel")).ToHaveAttributeAsync("data-status", "connected");

        await AssertOnScreenAsync(page.GetByTestId("omnichannel-panel"));
        await AssertOnScreenAsync(page.GetByTestId("omnichannel-input"), minTarget: 44);
        await AssertOnScreenAsync(page.GetByTestId("omnichannel-send"), minTarget: 44);
        await AssertOnScreenAsync(page.GetByTestId("omnichannel-close"), minTarget: 44);
    }

    private static async Task AssertOnScreenAsync(ILocator element, int minTarget = 0)
    {
        var box = await element.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The element is not rendered.");
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 360.5 && box.Y + box.Height <= 740.5, $"Off screen at 360 x 740: {box.X},{box.Y} {box.Width}x{box.Height}");
        Assert.True(box.Width >= minTarget && box.Height >= minTarget, $"Touch target {box.Width}x{box.Height} is under {minTarget} px");
    }
}
