using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Settings;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>SLA targets and opening hours saved in the console: validated per field, audited, in effect without a restart.</summary>
public sealed class SettingsInDatabaseTests : IAsyncLifetime
{
    // A Wednesday, 12:00 UTC.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly HubFactory hub;

    public SettingsInDatabaseTests() => hub = new HubFactory { Time = clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Theory]
    [InlineData(0, 30, "policies[0].firstResponseSeconds")]
    [InlineData(-5, 30, "policies[0].firstResponseSeconds")]
    [InlineData(60, 30, "policies[0].nextResponseSeconds")]
    [InlineData(30, -1, "policies[0].nextResponseSeconds")]
    public async Task InvalidSlaTargets_Are400WithTheFieldNamed(int first, int next, string field)
    {
        var admin = await hub.AdminAsync();

        var response = await admin.Http.PutAsJsonAsync("/api/settings/sla", new { policies = new[] { new { channel = "WebChat", firstResponseSeconds = first, nextResponseSeconds = next } } });

        Assert.Equal([field], await response.FieldsAsync());
    }

    [Fact]
    public async Task OneBadChannel_SavesNothing_NotEvenTheGoodOne()
    {
        var admin = await hub.AdminAsync();

        var response = await admin.Http.PutAsJsonAsync("/api/settings/sla", new
        {
            policies = new object[]
            {
                new { channel = "WebChat", firstResponseSeconds = 45, nextResponseSeconds = 45 },
                new { channel = "Carrier pigeon", firstResponseSeconds = 45, nextResponseSeconds = 45 },
            },
        });

        Assert.Equal(["policies[1].channel"], await response.FieldsAsync());
        var sla = (await admin.Http.GetFromJsonAsync<SlaSettings>("/api/settings/sla", TestJson.Options))!;
        Assert.Equal(30, sla.Policies.Single(p => p.Channel == ChannelKind.WebChat).FirstResponseSeconds);
        Assert.Empty(await admin.AuditAsync());
    }

    [Fact]
    public async Task AChangedSlaTarget_AppliesToTheNextConversation_WithoutRestart_AndIsReadByTheNextStart()
    {
        var admin = await hub.AdminAsync();
        var before = await NewChatAsync("before the change");

        var saved = await admin.Http.PutAsJsonAsync("/api/settings/sla", new { policies = new[] { new { channel = "WebChat", firstResponseSeconds = 90, nextResponseSeconds = 120 } } });
        var after = await NewChatAsync("after the change");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), await DueInAsync(admin, before));
        Assert.Equal(TimeSpan.FromSeconds(90), await DueInAsync(admin, after));
        var entry = Assert.Single(await admin.AuditAsync("settings.sla.updated"));
        Assert.Contains("\"firstResponseSeconds\":30", entry.Before);
        Assert.Contains("\"firstResponseSeconds\":90", entry.After);

        await using var restarted = new HubFactory { DataDirectory = hub.DataDirectory, Time = clock };
        var again = await restarted.LoginAsync(await restarted.CreateOperatorAsync("Again"));
        var policies = (await again.Http.GetFromJsonAsync<List<Hub.Sla.SlaEndpoints.SlaPolicyDto>>("/api/sla/policies", TestJson.Options))!;
        Assert.Equal((90, 120), ((int)policies.Single(p => p.Channel == ChannelKind.WebChat).FirstResponseSeconds, (int)policies.Single(p => p.Channel == ChannelKind.WebChat).NextResponseSeconds));
    }

    [Fact]
    public async Task OverlappingOrEmptyOpeningHours_Are400WithTheDayNamed()
    {
        var admin = await hub.AdminAsync();

        var overlap = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new { timeZone = "Europe/Amsterdam", weekly = new { Monday = "09:00-13:00,12:00-17:00" } });
        var emptyRange = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new { timeZone = "Europe/Amsterdam", weekly = new { Tuesday = "09:00-09:00" } });
        var emptyDay = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new { timeZone = "Europe/Amsterdam", weekly = new { Friday = "" } });
        var nothing = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new { timeZone = "Europe/Amsterdam", weekly = new { } });
        var badZone = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new { timeZone = "Mars/Olympus", weekly = new { Monday = "09:00-17:00" }, closedDays = new[] { "25-12-2026" } });

        Assert.Equal(["weekly.Monday"], await overlap.FieldsAsync());
        Assert.Equal(["weekly.Tuesday"], await emptyRange.FieldsAsync());
        Assert.Equal(["weekly.Friday"], await emptyDay.FieldsAsync());
        Assert.Equal(["weekly"], await nothing.FieldsAsync());
        Assert.Equal(["closedDays", "timeZone"], (await badZone.FieldsAsync()).Order());
        Assert.True((await admin.Http.GetFromJsonAsync<OpeningHoursSettings>("/api/settings/opening-hours", TestJson.Options))!.AlwaysOpen);
    }

    [Fact]
    public async Task NewOpeningHours_CloseTheWidgetAtOnce_AndAHolidayIsClosedAllDay()
    {
        var admin = await hub.AdminAsync();
        await hub.OperatorOnDutyAsync();
        Assert.Equal(WidgetAvailability.Available, (await WidgetAsync()).State);

        // 12:00 UTC is 13:00 in Amsterdam: open on weekdays, but today is a holiday.
        var saved = await admin.Http.PutAsJsonAsync("/api/settings/opening-hours", new
        {
            timeZone = "Europe/Amsterdam",
            weekly = new { Monday = "09:00-17:00", Tuesday = "09:00-17:00", Wednesday = "09:00-17:00", Thursday = "09:00-17:00", Friday = "09:00-17:00" },
            closedDays = new[] { "2026-11-25" },
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var state = await WidgetAsync();
        Assert.Equal(WidgetAvailability.Closed, state.State);
        Assert.Contains("Wed 09:00–17:00", state.OpeningHours);
        Assert.Equal(new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc), state.NextOpening);
        Assert.Single(await admin.AuditAsync("settings.opening-hours.updated"));
    }

    private async Task<WidgetState> WidgetAsync() => (await hub.Http().GetFromJsonAsync<WidgetState>("/api/widget/state", TestJson.Options))!;

    private async Task<long> NewChatAsync(string text)
    {
        await hub.OperatorOnDutyAsync();
        var widget = await (await hub.NewVisitorAsync()).ConnectAsync();
        return (await widget.SendAsync(text)).ConversationId;
    }

    private static async Task<TimeSpan> DueInAsync(OperatorSession session, long conversationId)
    {
        var conversation = (await session.Http.GetFromJsonAsync<ConversationDto>($"/api/conversations/{conversationId}", TestJson.Options))!;
        return conversation.SlaDueAt!.Value - conversation.WaitingSince!.Value;
    }
}
