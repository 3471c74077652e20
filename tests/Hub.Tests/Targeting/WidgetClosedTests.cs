using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Targeting;

/// <summary>Outside opening hours a new chat is refused with the reason, and nothing is kept as a ticket or offline message.</summary>
public sealed class WidgetClosedTests : IAsyncLifetime
{
    // Tuesday 2026-11-24 20:00 UTC; open only Mondays 09–17 in Oslo.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public WidgetClosedTests()
    {
        hub = new HubFactory { Time = clock };
        hub.Settings["OpeningHours:TimeZone"] = "Europe/Oslo";
        hub.Settings["OpeningHours:Weekly:Monday"] = "09:00-17:00";
        hub.Settings["Widget:Alternatives:0:Channel"] = "WhatsApp";
        hub.Settings["Widget:Alternatives:0:Label"] = "WhatsApp";
        hub.Settings["Widget:Alternatives:0:Url"] = "https://wa.me/15551234567";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task SendingWhileClosed_IsRefusedWithTheReason_AndNothingIsStored()
    {
        await hub.OperatorOnDutyAsync(); // staffed, but outside the hours
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => widget.SendAsync("Hello, anyone there?"));

        Assert.Contains("closed", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WhatsApp (answer within 5 min)", refusal.Message);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.Conversations.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task Bootstrap_GivesTheLoaderThePageRules_TheClosedStateWithHoursAndAlternatives()
    {
        using var http = hub.Http();
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada", Operators.Roles.Admin));
        (await admin.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "/checkout/payment*", exclude = true })).EnsureSuccessStatusCode();

        // Cross-origin as from a shop's page (CORS answers requests that carry an Origin; Widget:AllowedOrigins unset = any site).
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/widget/bootstrap?path=/cart.html") { Headers = { { "Origin", "https://shop.example" } } });
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var boot = (await response.Content.ReadFromJsonAsync<WidgetBootstrap>(TestJson.Options))!;

        Assert.Equal(new PageRuleLite("/checkout/payment*", true), Assert.Single(boot.Rules));
        Assert.Equal(WidgetAvailability.Closed, boot.State.State);
        Assert.Equal(["Mon 09:00–17:00"], boot.State.OpeningHours);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), boot.State.NextOpening);
        var alternative = Assert.Single(boot.State.Alternatives);
        Assert.Equal("answer within 5 min", alternative.Promise);

        // Edited by an admin: effective at once, no restart.
        var rules = await admin.Http.GetFromJsonAsync<List<PageRuleDto>>("/api/targeting/page-rules", TestJson.Options);
        (await admin.Http.DeleteAsync($"/api/targeting/page-rules/{rules![0].Id}")).EnsureSuccessStatusCode();
        boot = (await http.GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/", TestJson.Options))!;
        Assert.Empty(boot.Rules);

        var operatorOnly = await hub.LoginAsync(await hub.CreateOperatorAsync("Olli"));
        var forbidden = await operatorOnly.Http.PostAsJsonAsync("/api/targeting/page-rules", new { pattern = "/x*", exclude = true });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task AtOpeningTime_OpenWidgetsFlipToAvailable_WithoutAnyRoutingEvent()
    {
        // Opens a minute from now (Tuesday 21:01 in Oslo); a big clock jump would replay every periodic timer.
        hub.Settings["OpeningHours:Weekly:Tuesday"] = "21:01-23:00";
        await hub.OperatorOnDutyAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        Assert.Equal(WidgetAvailability.Closed, (await widget.Connection.InvokeAsync<WidgetState>("State")).State);

        clock.Advance(TimeSpan.FromSeconds(90));

        var flipped = await widget.States.WaitAsync(s => s.State == WidgetAvailability.Available);
        Assert.Equal("We're here — a person answers within 30 seconds.", flipped.Message);
    }

    [Fact]
    public async Task TheClosedState_InTheVisitorsLanguage_NamesTheShopsTimeZone()
    {
        hub.Settings["OpeningHours:TimeZoneLabel"] = "CET";
        hub.Settings["Widget:Alternatives:0:Labels:nl"] = "WhatsApp (NL)";
        using var http = hub.Http();

        var dutch = (await http.GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/&lang=nl-NL", TestJson.Options))!;
        var english = (await http.GetFromJsonAsync<WidgetBootstrap>("/api/widget/bootstrap?path=/&lang=xx", TestJson.Options))!;
        var german = (await http.GetFromJsonAsync<WidgetState>("/api/widget/state?lang=de", TestJson.Options))!;

        Assert.Equal("nl", dutch.State.Language);
        Assert.StartsWith("De live chat is nu gesloten.", dutch.State.Message);
        Assert.Equal("Opent ma 09:00 CET", dutch.State.Opens);
        Assert.Equal("WhatsApp (NL)", dutch.State.Alternatives[0].Label);
        Assert.Equal("antwoord binnen 5 min", dutch.State.Alternatives[0].Promise);
        Assert.Equal(new LoaderWords("Chat openen", "Sluiten"), dutch.Words);
        Assert.Equal("en", english.State.Language);
        Assert.Equal("Opens Mon 09:00 CET", english.State.Opens);
        Assert.Equal("WhatsApp", english.State.Alternatives[0].Label);
        Assert.Equal("Öffnet Mo 09:00 CET", german.Opens);
    }
}
