using System.Net.Http.Json;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>The owner's widget texts per language, with a fallback; unknown languages get English.</summary>
public sealed class WidgetLanguageTests
{
    private static async Task<WidgetConfig> ConfigAsync(HubFactory hub, string lang) =>
        (await hub.Http().GetFromJsonAsync<WidgetConfig>($"/api/widget/config?lang={Uri.EscapeDataString(lang)}", TestJson.Options))!;

    [Fact]
    public async Task BuiltInTexts_AreTranslated_WhileTheOwnerKeptTheDefaults()
    {
        await using var hub = new HubFactory();

        var dutch = await ConfigAsync(hub, "nl-NL");
        var unknown = await ConfigAsync(hub, "tlh");

        Assert.Equal(("Chat met ons", "nl"), (dutch.Title, dutch.Language));
        Assert.StartsWith("Hallo!", dutch.Greeting);
        Assert.Equal(("Chat with us", "en"), (unknown.Title, unknown.Language));
    }

    [Fact]
    public async Task TheOwnersTranslation_IsUsed_AndTheirOwnTextIsTheFallback()
    {
        await using var hub = new HubFactory();
        hub.Settings["Widget:Title"] = "Northwind help";
        hub.Settings["Widget:Greeting"] = "Ask us about sizes.";
        hub.Settings["Widget:Translations:de:Title"] = "Northwind Hilfe";

        var german = await ConfigAsync(hub, "de");
        var french = await ConfigAsync(hub, "fr");

        Assert.Equal("Northwind Hilfe", german.Title);
        Assert.Equal("Ask us about sizes.", german.Greeting);
        Assert.Equal("Northwind help", french.Title);
    }
}
