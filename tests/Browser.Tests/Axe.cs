using System.Text.Json;
using Microsoft.Playwright;

namespace Omnichannel.Browser.Tests;

/// <summary>Runs axe-core (from the console's node_modules) in the page and returns the serious and critical violations.</summary>
public static class Axe
{
    private static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Console", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("axe-core is missing: run npm ci in src/Console (the hub's build does).");
    }

    /// <summary>Fails with every serious or critical violation listed.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, "axe-core: " + string.Join("\n", violations));
    }

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Path = ScriptPath() });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }
}
