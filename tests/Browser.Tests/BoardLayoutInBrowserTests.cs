using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Browser.Tests;

/// <summary>The SLA board at 1280×800 with a breached, an at-risk and an on-track clock and one hour of answers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardLayoutInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new()
    {
        Settings =
        {
            // Web chat breaches after 3 s; Telegram is at risk after 3 s of its minute; SMS stays on track for an hour.
            ["Sla:AtRiskRatio"] = "0.05",
            ["Sla:Policies:WebChat:FirstResponse"] = "00:00:03",
            ["Sla:Policies:Telegram:FirstResponse"] = "00:01:00",
            ["Sla:Policies:Sms:FirstResponse"] = "1.00:00:00",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<long> ReceiveAsync(ChannelKind channel, string handle, string name, string text)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
        var result = await sink.ReceiveAsync(new InboundMessage(channel, handle, Guid.NewGuid().ToString("N"), text, DateTime.UtcNow) { ContactName = name }, CancellationToken.None);
        return result.ConversationId;
    }

    [Fact]
    public async Task AtDesktopSize_WaitingListAndChartAreInView_WithoutNestedScroll_ContrastHolds_AndOneDataPointShows()
    {
        var duty = await hub.OperatorOnDutyAsync();
        var answered = await ReceiveAsync(ChannelKind.Sms, "+31600000001", "Sanne Answered", "Is the store open on Sunday?");
        await duty.ReplyAsync(answered, "Yes, from 12 to 5.");
        var webChat = (await (await (await hub.NewVisitorAsync()).ConnectAsync()).SendAsync("Hello, anyone?")).ConversationId;
        var telegram = await ReceiveAsync(ChannelKind.Telegram, "777001", "Tom Telegram", "Where is my parcel?");
        var sms = await ReceiveAsync(ChannelKind.Sms, "+31600000002", "Sam Sms", "Do you ship to Belgium?");

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await console.Page.GotoAsync(new Uri(hub.BaseAddress, "/console/board").ToString());
        var page = console.Page;
        await Assertions.Expect(page.GetByTestId($"clock-{webChat}")).ToHaveAttributeAsync("data-state", "Breached", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId($"clock-{telegram}")).ToHaveAttributeAsync("data-state", "AtRisk", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId($"clock-{sms}")).ToHaveAttributeAsync("data-state", "OnTrack");
        // One answered SMS so far: its line is a single point (the breached web chat, still waiting, is a second channel's point).
        var point = page.GetByTestId("board-chart").Locator("g[data-channel=Sms] circle[data-testid=chart-point]");
        await Assertions.Expect(point).ToHaveCountAsync(1);

        // In view at 1280×800, from a screenshot of what a supervisor sees.
        var screenshot = await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "omnichannel-board-1280x800.png") });
        foreach (var id in new[] { "board-waiting", "board-chart" })
        {
            var box = (await page.GetByTestId(id).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 1280 && box.Y + box.Height <= 800, $"{id} at {box.X},{box.Y} {box.Width}x{box.Height} is not within 1280x800");
        }
        var dot = (await point.BoundingBoxAsync())!;
        var pixel = await PixelAsync(page, screenshot, dot.X + dot.Width / 2, dot.Y + dot.Height / 2);
        Assert.Equal([0x93, 0x33, 0xea], pixel); // the SMS colour, drawn where the point is

        // One scroll for the page (the shell's main); nothing inside it scrolls on its own.
        var nested = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.sla-board *')].filter(e => {
              const s = getComputedStyle(e);
              return /(auto|scroll)/.test(s.overflowY + s.overflowX) && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
            }).map(e => e.tagName + '.' + e.className)
            """);
        Assert.Empty(nested);

        var violations = await ContrastViolationsAsync(page);
        Assert.Empty(violations);
    }

    /// <summary>The colour of one screenshot pixel, decoded by the browser itself.</summary>
    private static async Task<int[]> PixelAsync(IPage page, byte[] png, double x, double y) =>
        await page.EvaluateAsync<int[]>("""
            async ([src, x, y]) => {
              const img = new Image();
              img.src = src;
              await img.decode();
              const canvas = document.createElement('canvas');
              canvas.width = img.width;
              canvas.height = img.height;
              const ctx = canvas.getContext('2d');
              ctx.drawImage(img, 0, 0);
              return [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)];
            }
            """, new object[] { "data:image/png;base64," + Convert.ToBase64String(png), x, y });

    private static async Task<List<string>> ContrastViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxePath() });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document.querySelector('.sla-board'), { runOnly: ['color-contrast'] }))
              .violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary))
            """);
        return [.. result.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static string AxePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omnichannel.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "Console", "node_modules", "axe-core", "axe.min.js");
    }
}
