using Microsoft.Playwright;
using Omnichannel.Hub.Tests.Channels;

namespace Omnichannel.Browser.Tests;

/// <summary>An operator attaches a file in the console and the customer's Telegram receives exactly that file.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentsInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MessagingHub hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Console_AttachAFile_TheProviderGetsTheSameBytes_AndARefusalShowsItsReason()
    {
        var ada = await hub.CreateOperatorAsync("Ada");
        const long chat = 777_000_111;
        var update = $$$"""{"update_id":990000001,"message":{"message_id":7,"from":{"id":{{{chat}}},"is_bot":false,"first_name":"Ivan"},"chat":{"id":{{{chat}}},"first_name":"Ivan","type":"private"},"date":1764000000,"text":"Please send the invoice"}}""";
        (await hub.PostTelegramAsync(update)).EnsureSuccessStatusCode();
        await using var context = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, ada);
        await console.Page.GetByTestId("inbox-tab-all").ClickAsync();
        await console.Row("Please send the invoice").ClickAsync();
        var pdf = new byte[30_000];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);

        await console.Page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(console.Page.GetByTestId("attached-file")).ToContainTextAsync("invoice.pdf");
        await console.Page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "setup.pdf", MimeType = "application/pdf", Buffer = "MZ not a pdf"u8.ToArray() });
        await Assertions.Expect(console.Page.GetByTestId("attach-error")).ToContainTextAsync("does not look like application/pdf");
        await console.Page.GetByTestId("reply-input").FillAsync("Here it is.");
        await console.Page.GetByTestId("reply-send").ClickAsync();

        var call = await hub.Telegram.WaitAsync(c => c.Path.EndsWith("/sendDocument", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal(pdf, Assert.Single(await call.FilesAsync()).Value.Bytes);
        Assert.Contains("Here it is.", call.Body);
        await Assertions.Expect(console.Page.GetByTestId("console-message").Filter(new() { HasText = "Here it is." }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("invoice\\.pdf") })).ToBeVisibleAsync();
    }
}
