using Microsoft.Playwright;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Tests.Infrastructure;
using Omnichannel.Hub.Tests.Reports;

namespace Omnichannel.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReportsInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new() { Settings = { ["OpeningHours:TimeZone"] = "UTC" } };
    private SeededHistory history = null!;

    public async Task InitializeAsync() => history = await SeededHistory.WriteAsync(hub);

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task ReportsPage_DrawsCharts_FiltersChangeThem_AndTheCsvHoldsTheTablesNumbers()
    {
        var sue = await hub.CreateOperatorAsync("Sue", Roles.Supervisor);
        await using var context = await browser.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, sue);
        var page = console.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.GetByTestId("filter-from").FillAsync(SeededHistory.Start.ToString("yyyy-MM-dd"));
        await page.GetByTestId("filter-to").FillAsync(SeededHistory.End.ToString("yyyy-MM-dd"));
        await page.GetByTestId("filter-apply").ClickAsync();

        var all = history.Conversations.Count;
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToContainTextAsync($"{all} conversations");
        await Assertions.Expect(page.GetByTestId("heatmap")).ToHaveAttributeAsync("aria-label", $"Conversations per weekday and hour, {all} in total");
        Assert.Equal(all, await SumAsync(page.GetByTestId("heat-cell")));
        Assert.True(await page.GetByTestId("bar").CountAsync() >= 30, "one attainment bar per day of the range");

        await page.GetByTestId("filter-channel").SelectOptionAsync("WhatsApp");
        await page.GetByTestId("filter-apply").ClickAsync();
        var whatsApp = history.Conversations.Count(c => c.Channel == ChannelKind.WhatsApp);
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToContainTextAsync($"{whatsApp} conversations");
        Assert.Equal(whatsApp, await SumAsync(page.GetByTestId("heat-cell")));

        var shown = await CsvEqualsTableAsync(page, "response", "Channel,Responses,p50,p90,p99");
        var first = history.Measurements.Where(m => m.Kind == SlaKind.FirstResponse && m.Channel == ChannelKind.WhatsApp).ToList();
        Assert.Equal($"WhatsApp,{first.Count}", string.Join(',', Assert.Single(shown).Take(2)));

        // A page group: the web chats started on a cart page (any case); the heat map and the resolution table follow.
        await page.GetByTestId("filter-channel").SelectOptionAsync("");
        await page.GetByTestId("filter-page-group").FillAsync("/cart*");
        await page.GetByTestId("filter-apply").ClickAsync();
        var onCart = history.Conversations.Where(c => c.Channel == ChannelKind.WebChat && PageOf(c) is { } p && p.StartsWith("/cart", StringComparison.OrdinalIgnoreCase)).ToList();
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{onCart.Count} conversations:"));
        Assert.Equal(onCart.Count, await SumAsync(page.GetByTestId("heat-cell")));
        var resolution = await CsvEqualsTableAsync(page, "resolution", "Channel,Resolved,p50,p90,p99");
        Assert.Equal($"WebChat,{onCart.Count}", string.Join(',', Assert.Single(resolution).Take(2)));

        // A team: conversations routed to it or held by its members; the per-operator table shows only its member.
        await page.GetByTestId("filter-page-group").FillAsync("");
        await page.GetByTestId("filter-team").FillAsync(history.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("filter-apply").ClickAsync();
        var team = history.Conversations.Count(c => c.RequiredTeamId == history.TeamId || c.AssignedOperatorId == history.OperatorIds[1]);
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{team} conversations:"));
        await Assertions.Expect(page.GetByTestId("report-operators").Locator("tbody tr")).ToHaveCountAsync(1);
        var operators = await CsvEqualsTableAsync(page, "operators",
            "Operator,Conversations,First responses,Mean first response (s),Within promise,CSAT ratings,CSAT,Breaches,Mean handle (s),Online (s),Busy with chats (s),Occupancy");
        Assert.Equal("Bo", Assert.Single(operators)[0]);
    }

    [Fact]
    public async Task Analyst_LandsOnTheReports_AndTheConsoleShowsNoInboxOrOperatorAction()
    {
        var mia = await hub.CreateOperatorAsync("Mia", Roles.Analyst);
        await using var context = await browser.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsAnalystAsync(hub.BaseAddress, mia);
        var page = console.Page;
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/reports$"));
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link);
        Assert.Equal(["SLA board", "Reports"], (await nav.AllInnerTextsAsync()).Select(t => t.Trim()));
        foreach (var id in new[] { "presence-select", "sound-toggle", "live-status", "offer-card" })
            Assert.Equal(0, await page.GetByTestId(id).CountAsync());

        // The first load (the default range) has answered before the range changes.
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToBeVisibleAsync();
        await page.GetByTestId("filter-from").FillAsync(SeededHistory.Start.ToString("yyyy-MM-dd"));
        await page.GetByTestId("filter-to").FillAsync(SeededHistory.End.ToString("yyyy-MM-dd"));
        await page.GetByTestId("filter-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("volume-summary")).ToContainTextAsync($"{history.Conversations.Count} conversations");
        var operators = await CsvEqualsTableAsync(page, "operators",
            "Operator,Conversations,First responses,Mean first response (s),Within promise,CSAT ratings,CSAT,Breaches,Mean handle (s),Online (s),Busy with chats (s),Occupancy");
        Assert.Equal(["Ada", "Bo", "Cy"], operators.Select(r => r[0]).Order());
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        // An operator page typed in the address bar goes back to the reports; the board reads without "Set away".
        await page.GotoAsync(new Uri(hub.BaseAddress, "/console/conversations/1").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/reports$"));
        await page.GetByTestId("nav-board").ClickAsync();
        await Assertions.Expect(page.GetByTestId("board-chart")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("board-forbidden").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid^=set-away-]").CountAsync());
    }

    private string? PageOf(Omnichannel.Hub.Conversations.Conversation c) =>
        history.PageViews.Where(v => v.VisitorId == c.ContactHandle && v.At <= c.CreatedAt).MaxBy(v => v.Id)?.Path;

    /// <summary>Downloads a table's CSV and checks it holds exactly the rows the table shows; returns those rows.</summary>
    private static async Task<string[][]> CsvEqualsTableAsync(IPage page, string id, string header)
    {
        var table = page.GetByTestId($"report-{id}");
        var download = await page.RunAndWaitForDownloadAsync(() => table.GetByTestId($"csv-{id}").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var shown = await table.Locator("tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(header, lines[0]);
        Assert.Equal(shown.Select(r => string.Join(',', r)), lines.Skip(1));
        return shown;
    }

    private static async Task<int> SumAsync(ILocator cells) =>
        (await cells.EvaluateAllAsync<int[]>("cells => cells.map(c => Number(c.getAttribute('data-value')))")).Sum();
}
