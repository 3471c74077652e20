using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>Policies come from the <c>Sla:</c> settings the way an admin writes them.</summary>
public sealed class SlaSettingsTests
{
    [Fact]
    public async Task PoliciesAndBusinessHours_AreReadFromSettings()
    {
        await using var hub = new HubFactory();
        hub.Settings["Sla:Policies:WebChat:FirstResponse"] = "00:00:45";
        hub.Settings["Sla:Policies:Email:FirstResponse"] = "08:00:00";
        hub.Settings["Sla:Policies:Email:BusinessHours:TimeZone"] = "Europe/Oslo";
        hub.Settings["Sla:Policies:Email:BusinessHours:Weekly:Monday"] = "09:00-17:00";
        hub.Settings["Sla:Policies:Email:BusinessHours:Weekly:Friday"] = "09:00-12:00, 13:00-16:00";
        hub.Settings["Sla:Policies:Email:BusinessHours:ClosedDays:0"] = "2026-12-25";
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));

        var policies = (await ada.Http.GetFromJsonAsync<List<SlaEndpoints.SlaPolicyDto>>("/api/sla/policies", TestJson.Options))!;
        Assert.Equal(45, policies.Single(p => p.Channel == ChannelKind.WebChat).FirstResponseSeconds);
        Assert.Equal(45, policies.Single(p => p.Channel == ChannelKind.WebChat).NextResponseSeconds);
        var email = policies.Single(p => p.Channel == ChannelKind.Email);
        Assert.Equal(8 * 3600, email.FirstResponseSeconds);
        Assert.True(email.BusinessHours);
        Assert.Equal("Europe/Oslo", email.TimeZone);
        Assert.Equal(300, policies.Single(p => p.Channel == ChannelKind.Sms).FirstResponseSeconds);
    }

    [Fact]
    public void InvalidSettings_StopTheHubAtStart()
    {
        using var hub = new HubFactory();
        hub.Settings["Sla:Policies:Email:BusinessHours:Weekly:Monday"] = "17:00-09:00";
        var error = Assert.ThrowsAny<Exception>(() => hub.Provider);
        Assert.Contains("OptionsValidationException", error.ToString());
    }

    [Fact]
    public async Task OnTheRealClock_ABreachIsRaisedAndPushed()
    {
        await using var hub = new HubFactory();
        hub.Settings["Sla:Policies:WebChat:FirstResponse"] = "00:00:01";
        var supervisor = await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor));
        await using var console = await supervisor.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();

        var ack = await widget.SendAsync("Hello?");

        var breach = await console.Breaches.WaitAsync(b => b.ConversationId == ack.ConversationId);
        Assert.Equal(1, breach.TargetSeconds);
        await console.AtRisk.WaitAsync(a => a.ConversationId == ack.ConversationId);
    }
}
