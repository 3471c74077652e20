using Microsoft.Playwright;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Browser.Tests;

/// <summary>The operator console as a person uses it.</summary>
public sealed class ConsolePage(IPage page)
{
    public IPage Page => page;

    public async Task LogInAsync(Uri hub, Operator op)
    {
        await page.GotoAsync(new Uri(hub, "/console/login").ToString());
        await page.GetByTestId("console-email").FillAsync(op.Email);
        await page.GetByTestId("console-password").FillAsync("correct-horse-battery");
        await page.GetByTestId("console-login").ClickAsync();
        try
        {
            await page.GetByTestId("presence-select").WaitForAsync(new() { Timeout = 30000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "console-login-failed.png") });
            throw;
        }
        await page.GetByTestId("live-status").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*Live\\s*$") }).WaitForAsync();
    }

    /// <summary>The read-only analytics role: no presence or live link, the reports are home.</summary>
    public async Task LogInAsAnalystAsync(Uri hub, Operator op)
    {
        await page.GotoAsync(new Uri(hub, "/console/login").ToString());
        await page.GetByTestId("console-email").FillAsync(op.Email);
        await page.GetByTestId("console-password").FillAsync("correct-horse-battery");
        await page.GetByTestId("console-login").ClickAsync();
        await page.GetByTestId("nav-reports").WaitForAsync(new() { Timeout = 30000 });
    }

    public ILocator Row(string text) => page.GetByTestId("conversation-row").Filter(new() { HasText = text });
}
