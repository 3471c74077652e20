using Microsoft.Playwright;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SlaBoardInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new()
    {
        // A promise on the real clock (the countdown runs in the browser): at risk after 30 s, breached after 40 s, so
        // the board has 30 s to show the clock on track even on a busy machine.
        Settings = { ["Sla:Policies:WebChat:FirstResponse"] = "00:00:40", ["Sla:Policies:WebChat:NextResponse"] = "00:00:40" },
    };

    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Board_ShowsACountdownThatTurnsAtRiskThenBreached_WithoutAReload()
    {
        var sue = await hub.CreateOperatorAsync("Sue", Roles.Supervisor);
        await using var context = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, sue);
        await console.Page.GotoAsync(new Uri(hub.BaseAddress, "/console/board").ToString());
        await console.Page.GetByTestId("live-status").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(?i)live") }).WaitForAsync();

        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Hello? Anyone?");

        var clock = console.Page.GetByTestId($"clock-{ack.ConversationId}");
        await Assertions.Expect(clock).ToHaveAttributeAsync("data-state", "OnTrack");
        await Assertions.Expect(clock).ToHaveAttributeAsync("data-state", "AtRisk", new() { Timeout = 60_000 });
        await Assertions.Expect(clock).ToHaveAttributeAsync("data-state", "Breached", new() { Timeout = 60_000 });
        await Assertions.Expect(console.Page.GetByTestId($"breach-{ack.ConversationId}")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.GetByTestId("channel-WebChat").GetByTestId("breached-today")).Not.ToHaveTextAsync("0");
    }
}
