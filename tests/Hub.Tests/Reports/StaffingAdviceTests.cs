using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Staffing;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>
/// Four Mondays, each with 10 web chats between 10:00 and 10:30, each holding its operator 180 s (accept → close).
/// By hand: λ = 40 chats / (4 × 1800 s) = 1/180 per s, A = λ·h = 1 Erlang. Erlang C with a 30 s promise:
/// N = 2: P(wait) = 1/3, SL = 1 − ⅓·e^(−30/180) = 0.7178; N = 3: P(wait) = 1/11, SL = 1 − e^(−60/180)/11 = 0.9349;
/// N = 4: P(wait) = 1/49, SL = 1 − e^(−90/180)/49 = 0.9876 → 4 slots for 95 %; at 2 chats per operator, 2 operators.
/// </summary>
public sealed class StaffingAdviceTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);
    private readonly HubFactory hub = new();
    private HttpClient supervisor = null!;

    public async Task InitializeAsync()
    {
        hub.Settings["OpeningHours:TimeZone"] = "UTC";
        var op = await hub.CreateOperatorAsync("Ada");
        supervisor = (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Roles.Supervisor))).Http;
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var contact = new Contact { DisplayName = "Customer", CreatedAt = Monday };
        db.Add(contact);
        await db.SaveChangesAsync();
        for (var week = 0; week < 4; week++)
            for (var i = 0; i < 10; i++)
            {
                var created = Monday.AddDays(7 * week).AddHours(10).AddMinutes(3 * i);
                var conversation = new Conversation
                {
                    ContactId = contact.Id, Channel = ChannelKind.WebChat, ContactHandle = "v", State = ConversationState.Closed,
                    CreatedAt = created, LastMessageAt = created, AssignedOperatorId = op.Id, ClosedAt = created.AddSeconds(185),
                };
                db.Add(conversation);
                await db.SaveChangesAsync();
                db.Add(new Offer { ConversationId = conversation.Id, OperatorId = op.Id, OfferedAt = created, ExpiresAt = created.AddSeconds(10), State = OfferState.Accepted, AnsweredAt = created.AddSeconds(5) });
            }
        // A WhatsApp conversation in the same half hour belongs to another channel's advice.
        db.Add(new Conversation { ContactId = contact.Id, Channel = ChannelKind.WhatsApp, ContactHandle = "+31", CreatedAt = Monday.AddHours(10), LastMessageAt = Monday.AddHours(10) });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<StaffingPlan> AdviseAsync(string whatIf = "") =>
        (await supervisor.GetFromJsonAsync<StaffingPlan>($"/api/reports/staffing?from=2026-10-05&to=2026-11-02&channel=WebChat{whatIf}", TestJson.Options))!;

    [Fact]
    public async Task TheSeededMondays_NeedFourSlots_TwoOperatorsAtTwoChatsEach()
    {
        var plan = await AdviseAsync("&concurrency=2");
        Assert.Equal(4, plan.Weeks);
        Assert.Equal(180, plan.HandleSeconds);
        var slot = Assert.Single(plan.Slots);
        Assert.Equal((DayOfWeek.Monday, 20, "10:00"), (slot.Day, slot.HalfHour, slot.Time));
        Assert.Equal((20.0, 1.0), (slot.ArrivalsPerHour, slot.Erlangs));
        Assert.Equal((4, 2), (slot.Slots, slot.Operators));
        Assert.Equal(0.9876, slot.ServiceLevel, 4);
    }

    [Theory]
    // 90 % within 30 s: N = 3 already gives 0.9349.
    [InlineData("&serviceLevel=0.9", 3, 0.9349)]
    // 95 % within 60 s: N = 3 gives 1 − e^(−120/180)/11 = 0.9533.
    [InlineData("&promise=60", 3, 0.9533)]
    public async Task WhatIf_ServiceLevelAndPromise_ChangeTheAdvice(string whatIf, int slots, double level)
    {
        var slot = Assert.Single((await AdviseAsync(whatIf)).Slots);
        Assert.Equal(slots, slot.Slots);
        Assert.Equal(level, slot.ServiceLevel, 4);
    }

    [Fact]
    public async Task WithMeasuredPatience_ErlangANeedsNoMoreThanErlangC()
    {
        var slot = Assert.Single((await AdviseAsync("&patience=60")).Slots);
        Assert.Equal(ErlangA.AgentsFor(1.0 / 180, 180, 60, 30, 0.95), slot.Slots);
        Assert.InRange(slot.Slots, 1, 4);
    }

    [Theory]
    [InlineData("&serviceLevel=1.5")]
    [InlineData("&concurrency=0")]
    [InlineData("&promise=-3")]
    [InlineData("&patience=abc")]
    [InlineData("&operator=1")]
    public async Task BadWhatIf_IsRefused(string whatIf)
    {
        var response = await supervisor.GetAsync($"/api/reports/staffing?from=2026-10-05&to=2026-11-02{whatIf}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
