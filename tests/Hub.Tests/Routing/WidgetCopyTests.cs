using System.Net.Http.Json;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Routing;

/// <summary>The widget's words match reality: nobody online is said plainly, busy only when people are busy, in the visitor's language.</summary>
public sealed class WidgetCopyTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);
    private static readonly AlternativeChannel[] Email = [new(Adapters.Abstractions.ChannelKind.Email, "Email", "mailto:help@example.com", 86400, "answer within 1 day")];

    [Theory]
    [InlineData(WidgetAvailability.Busy, true, "Nobody is online to chat right now. You can also reach us on Email (answer within 1 day).")]
    [InlineData(WidgetAvailability.Busy, false, "All our people are helping other customers right now, so live chat would keep you waiting. You can also reach us on Email (answer within 1 day).")]
    [InlineData(WidgetAvailability.Closed, false, "Live chat is closed right now. You can also reach us on Email (answer within 1 day).")]
    [InlineData(WidgetAvailability.Available, false, "We're here — a person answers within 30 seconds.")]
    public void EachStateIsSaidAsItIs(WidgetAvailability state, bool nobodyOnline, string expected) =>
        Assert.Equal(expected, WidgetCopy.For("en").Message(state, nobodyOnline, Promise, Email));

    [Theory]
    [InlineData("nl", "Er is nu niemand online om te chatten.")]
    [InlineData("de", "Gerade ist niemand online, um zu chatten.")]
    [InlineData("fr", "Personne n'est en ligne pour discuter pour le moment.")]
    public void NobodyOnline_InEachLanguage(string language, string expected) =>
        Assert.Equal(expected, WidgetCopy.For(language).Message(WidgetAvailability.Busy, true, Promise, []));

    [Theory]
    [InlineData("nl-BE", "nl")]
    [InlineData("de", "de")]
    [InlineData("FR_ca", "fr")]
    [InlineData("xx", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    [InlineData("%%%;;--", "en")]
    [InlineData("nl-NL,nl;q=0.9", "nl")]
    public void UnknownLanguagesGetEnglish(string? requested, string expected) => Assert.Equal(expected, WidgetCopy.Language(requested));

    [Fact]
    public async Task WithNoOperatorOnline_TheWidgetSaysSoPlainly_NotThatEveryoneIsBusy()
    {
        await using var hub = new HubFactory();

        var state = (await hub.Http().GetFromJsonAsync<WidgetState>("/api/widget/state", TestJson.Options))!;

        Assert.Equal(WidgetAvailability.Busy, state.State);
        Assert.True(state.NobodyOnline);
        Assert.Equal("Nobody is online to chat right now.", state.Message);
    }
}
