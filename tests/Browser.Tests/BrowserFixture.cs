using Microsoft.Playwright;

namespace Omnichannel.Browser.Tests;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download: the system binary is used).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's 'chromium' package (./test.sh does).");
        playwright = await Playwright.CreateAsync();
        // A busy 2-core machine (CI, or stress-ng beside the suite) renders slowly: the bound on a failing expectation
        // is generous; a passing one returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
