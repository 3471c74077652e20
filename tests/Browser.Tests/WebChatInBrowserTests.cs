using Microsoft.Playwright;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WebChatInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task VisitorChatsOnTheDemoShop_OperatorAnswersInTheConsole_VisitorSeesTheAnswer()
    {
        var op = await hub.CreateOperatorAsync("Olivia");
        await using var operatorContext = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, op);

        await using var visitorContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/").ToString());
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-panel").WaitForAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("Hi! Does the rain jacket run small?");
        await shop.GetByTestId("omnichannel-send").ClickAsync();
        await Assertions.Expect(shop.GetByTestId("omnichannel-message").Filter(new() { HasText = "rain jacket" })).ToBeVisibleAsync();

        var row = console.Row("rain jacket");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("console-message").Filter(new() { HasText = "run small" })).ToBeVisibleAsync();
        await console.Page.GetByTestId("reply-input").FillAsync("It runs true to size — take your usual.");
        await console.Page.GetByTestId("reply-send").ClickAsync();

        var answer = shop.Locator("[data-testid=omnichannel-message][data-direction=operator]");
        await Assertions.Expect(answer).ToContainTextAsync("true to size");

        await shop.ReloadAsync();
        await shop.GetByTestId("omnichannel-panel").Or(shop.GetByTestId("omnichannel-launcher")).First.WaitForAsync();
        if (!await shop.GetByTestId("omnichannel-panel").IsVisibleAsync())
            await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await Assertions.Expect(shop.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("true to size");
    }

    [Fact]
    public async Task MessagesAreShownAsText_NeverAsHtml()
    {
        var op = await hub.CreateOperatorAsync("Omar");
        await using var operatorContext = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, op);

        await using var visitorContext = await browser.Browser.NewContextAsync();
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/").ToString());
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        const string markup = "<img src=x onerror=\"document.title='pwned'\"><b>bold</b>";
        await shop.GetByTestId("omnichannel-input").FillAsync(markup);
        await shop.GetByTestId("omnichannel-send").ClickAsync();

        await Assertions.Expect(shop.GetByTestId("omnichannel-message").Filter(new() { HasText = "<b>bold</b>" })).ToBeVisibleAsync();
        var row = console.Row("bold");
        await row.ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("console-message").Filter(new() { HasText = "<b>bold</b>" })).ToBeVisibleAsync();
        Assert.NotEqual("pwned", await shop.TitleAsync());
        Assert.NotEqual("pwned", await console.Page.TitleAsync());
    }
}
