using System.Net.Http.Json;
using Microsoft.Playwright;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>A supervisor monitors a live chat, whispers to the operator (the visitor never sees it) and takes it over.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task SupervisorMonitorsWhispersAndTakesOver_TheVisitorNeverSeesTheWhisper()
    {
        var ada = await hub.CreateOperatorAsync("Ada");
        await using var adaContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var adaConsole = new ConsolePage(await adaContext.NewPageAsync());
        await adaConsole.LogInAsync(hub.BaseAddress, ada);
        // Ada's console made her available: the widget offers chat once the hub has counted her capacity.
        using var http = hub.Http();
        await Eventually.TrueAsync(() => http.GetFromJsonAsync<Omnichannel.Hub.Routing.WidgetState>("/api/widget/state", TestJson.Options)
            .GetAwaiter().GetResult()!.State == Omnichannel.Hub.Routing.WidgetAvailability.Available, "the widget offers chat");

        await using var shopContext = await browser.Browser.NewContextAsync();
        var shop = await shopContext.NewPageAsync();
        await shop.GotoAsync(new Uri(hub.BaseAddress, "/").ToString());
        await shop.GetByTestId("omnichannel-launcher").ClickAsync();
        await shop.GetByTestId("omnichannel-panel").WaitForAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("Can I still change my delivery address?");
        await shop.GetByTestId("omnichannel-send").ClickAsync();
        await adaConsole.Page.GetByTestId("offer-accept").ClickAsync();
        // Accepting opens the conversation: wait for that (the offer card gone, the page on the conversation) instead
        // of clicking its inbox row, which the accept moves from "Waiting" to "Mine" — a click racing that move could
        // land on a row being detached (the flake seen on a busy machine).
        await Assertions.Expect(adaConsole.Page.GetByTestId("offer-accept")).ToHaveCountAsync(0);
        await adaConsole.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/conversations/\\d+$"));
        await Assertions.Expect(adaConsole.Page.GetByTestId("console-message").Filter(new() { HasText = "delivery address" })).ToBeVisibleAsync();
        await Assertions.Expect(adaConsole.Page.GetByTestId("reply-input")).ToBeEnabledAsync();
        var conversationUrl = adaConsole.Page.Url;

        // The supervisor opens the same conversation: it updates live while Ada and the visitor talk.
        await using var sueContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var sue = new ConsolePage(await sueContext.NewPageAsync());
        await sue.LogInAsync(hub.BaseAddress, await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await sue.Page.GotoAsync(conversationUrl);
        await Assertions.Expect(sue.Page.GetByTestId("console-message").Filter(new() { HasText = "delivery address" })).ToBeVisibleAsync();
        await shop.GetByTestId("omnichannel-input").FillAsync("It should go to my office instead");
        await shop.GetByTestId("omnichannel-send").ClickAsync();
        await Assertions.Expect(sue.Page.GetByTestId("console-message").Filter(new() { HasText = "my office" })).ToBeVisibleAsync();

        await sue.Page.GetByTestId("whisper-text").FillAsync("Check the parcel has not left the warehouse");
        await sue.Page.GetByTestId("whisper-send").ClickAsync();
        await Assertions.Expect(adaConsole.Page.GetByTestId("whisper").Filter(new() { HasText = "has not left the warehouse" })).ToContainTextAsync("Sue");

        // Ada answers after the whisper; once the answer is in the widget, anything the whisper could have sent would be too.
        await adaConsole.Page.GetByTestId("reply-input").FillAsync("Yes, I have changed it to your office.");
        await adaConsole.Page.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(shop.Locator("[data-testid=omnichannel-message][data-direction=operator]")).ToContainTextAsync("changed it to your office");
        Assert.Equal(0, await shop.GetByText("warehouse").CountAsync());
        var messages = await (await hub.LoginAsync(ada)).MessagesAsync(int.Parse(conversationUrl[(conversationUrl.LastIndexOf('/') + 1)..]));
        Assert.DoesNotContain(messages, m => m.Text.Contains("warehouse"));
        Assert.Equal(1, messages.Count(m => m.Direction == MessageDirection.Outbound));

        await sue.Page.GetByTestId("take-over").ClickAsync();
        await Assertions.Expect(adaConsole.Page.GetByTestId("reply-input")).ToBeDisabledAsync();
        await Assertions.Expect(sue.Page.GetByTestId("reply-input")).ToBeEnabledAsync();
        await sue.Page.GetByTestId("timeline").Locator("summary").ClickAsync();
        await Assertions.Expect(sue.Page.Locator("[data-testid=timeline-entry][data-kind=TakenOver]")).ToContainTextAsync("Sue");
    }
}
