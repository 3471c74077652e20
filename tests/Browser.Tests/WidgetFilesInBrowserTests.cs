using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Omnichannel.Hub.Tests.Infrastructure;
using SkiaSharp;

namespace Omnichannel.Browser.Tests;

/// <summary>
/// Files both ways in real Chromium, with the shop on its own origin: the visitor sends a photo from the widget and the
/// operator sees its thumbnail and downloads the same bytes; the operator attaches a PDF in the console and the visitor
/// gets it in the widget; refusals are explained in the visitor's language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetFilesInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HubFactory hub = new() { Settings = { ["Attachments:MaxBytes"] = "2000000" } };
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

    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(240, 200, 60) };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VisitorSendsAPhoto_OperatorSeesItsThumbnail_OperatorSendsAPdf_VisitorGetsIt(bool strictCsp)
    {
        shop.StrictCsp = strictCsp;
        var op = await hub.CreateOperatorAsync("Olga");
        await using var operatorContext = await browser.Browser.NewContextAsync();
        var console = new ConsolePage(await operatorContext.NewPageAsync());
        await console.LogInAsync(hub.BaseAddress, op);

        await using var visitorContext = await browser.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var page = await visitorContext.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("CORS", StringComparison.Ordinal))
                violations.Add(message.Text);
        };
        shop.Lang = "de";
        await page.GotoAsync(shop.Origin.ToString());
        await page.GetByTestId("omnichannel-launcher").ClickAsync();
        await Assertions.Expect(page.GetByTestId("omnichannel-panel")).ToHaveAttributeAsync("data-status", "connected");
        await Assertions.Expect(page.GetByTestId("omnichannel-attach")).ToHaveAttributeAsync("aria-label", "Foto oder PDF anhängen");

        // Refused before any upload (too large), and by the hub (a "PNG" that is not one): both explained in German.
        await page.GetByTestId("omnichannel-file-input").SetInputFilesAsync(new FilePayload { Name = "huge.pdf", MimeType = "application/pdf", Buffer = new byte[2_100_000] });
        await Assertions.Expect(page.GetByTestId("omnichannel-error")).ToHaveTextAsync("Die Datei ist zu groß (höchstens 1.9 MB).");
        await page.GetByTestId("omnichannel-file-input").SetInputFilesAsync(new FilePayload { Name = "fake.png", MimeType = "image/png", Buffer = "MZ not a png at all"u8.ToArray() });
        await Assertions.Expect(page.GetByTestId("omnichannel-error")).ToHaveTextAsync(new Regex("^Nur Fotos"));
        await Assertions.Expect(page.GetByTestId("omnichannel-message")).ToHaveCountAsync(0);

        var photo = Photo(1600, 1000);
        await page.GetByTestId("omnichannel-file-input").SetInputFilesAsync(new FilePayload { Name = "damage.png", MimeType = "image/png", Buffer = photo });
        var sent = page.Locator("[data-testid=omnichannel-message][data-direction=visitor]");
        await Assertions.Expect(sent).ToHaveAttributeAsync("data-state", "sent");
        var ownImage = sent.GetByTestId("omnichannel-image").Locator("img");
        await Assertions.Expect(ownImage).ToHaveAttributeAsync("alt", "damage.png");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await ownImage.ElementHandleAsync());
        Assert.Equal(320, await ownImage.EvaluateAsync<int>("img => img.naturalWidth"));

        // The operator: the thumbnail in the conversation, and the link downloads exactly the photo.
        var row = console.Row("damage.png");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.ClickAsync();
        var thumbnail = console.Page.GetByTestId("console-message").GetByTestId("attachment-image");
        await Assertions.Expect(thumbnail.Locator("img")).ToHaveAttributeAsync("src", new Regex("/thumb$"));
        await console.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.Locator("img").ElementHandleAsync());
        Assert.True(await thumbnail.Locator("img").EvaluateAsync<int>("img => img.naturalWidth") <= 320);
        var download = await operatorContext.APIRequest.GetAsync(new Uri(hub.BaseAddress, await thumbnail.GetAttributeAsync("href")).ToString());
        Assert.Equal(photo, await download.BodyAsync());

        // The operator attaches a PDF and answers; the visitor gets a card that downloads the same bytes.
        var pdf = new byte[40_000];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        await console.Page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "returns-label.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(console.Page.GetByTestId("attached-file")).ToContainTextAsync("returns-label.pdf");
        await console.Page.GetByTestId("reply-input").FillAsync("Sorry about that — here is a returns label.");
        await console.Page.GetByTestId("reply-send").ClickAsync();

        var answer = page.Locator("[data-testid=omnichannel-message][data-direction=operator]");
        await Assertions.Expect(answer).ToContainTextAsync("returns label");
        var card = answer.GetByTestId("omnichannel-file");
        await Assertions.Expect(card).ToContainTextAsync("returns-label.pdf");
        await Assertions.Expect(card).ToContainTextAsync("39 KB");
        var fetched = await visitorContext.APIRequest.GetAsync((await card.GetAttributeAsync("href"))!);
        Assert.Equal(pdf, await fetched.BodyAsync());

        // Still there after a reload (history carries the files).
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=omnichannel-message][data-direction=operator]").GetByTestId("omnichannel-file")).ToContainTextAsync("returns-label.pdf");

        if (!strictCsp)
        {
            await Axe.AssertNoSeriousViolationsAsync(page);
            await Axe.AssertNoSeriousViolationsAsync(console.Page);
        }
        Assert.Empty(violations);
    }
}
