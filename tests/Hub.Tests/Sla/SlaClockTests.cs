using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>The pure SLA clock, driven with a FakeTimeProvider: data in, decisions out.</summary>
public sealed class SlaClockTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)); // a Monday
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static TheoryData<ChannelKind, int> DefaultTargets => new()
    {
        { ChannelKind.WebChat, 30 },
        { ChannelKind.WhatsApp, 5 * 60 },
        { ChannelKind.Messenger, 5 * 60 },
        { ChannelKind.Telegram, 5 * 60 },
        { ChannelKind.Sms, 5 * 60 },
        { ChannelKind.Email, 24 * 60 * 60 },
    };

    [Theory]
    [MemberData(nameof(DefaultTargets))]
    public void DefaultPolicy_BreachesExactlyAtItsTarget(ChannelKind channel, int targetSeconds)
    {
        var policy = new SlaPolicies(new SlaOptions()).For(channel);
        Assert.Equal(TimeSpan.FromSeconds(targetSeconds), policy.FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(targetSeconds), policy.NextResponse);
        Assert.Null(policy.Calendar); // calendar time by default, email included
        var conversation = Waiting(channel);
        var started = Now;

        Assert.True(CustomerWrites(policy, conversation));
        Assert.Equal(SlaKind.FirstResponse, conversation.SlaKind);
        Assert.Equal(started.AddSeconds(targetSeconds), conversation.SlaDueAt);

        Assert.Equal(SlaState.OnTrack, SlaClock.Evaluate(policy, conversation, Now).State);
        time.Advance(TimeSpan.FromSeconds(targetSeconds) - TimeSpan.FromMilliseconds(1));
        var before = SlaClock.Evaluate(policy, conversation, Now);
        Assert.Equal(SlaState.AtRisk, before.State);
        Assert.Equal(TimeSpan.FromMilliseconds(1), before.TimeLeft);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var due = SlaClock.Evaluate(policy, conversation, Now);
        Assert.Equal(SlaState.Breached, due.State);
        Assert.Equal(started.AddSeconds(targetSeconds), due.DueAt);
    }

    [Fact]
    public void AtRisk_StartsAtSeventyFivePercentOfTheTarget()
    {
        var policy = SlaPolicy.Default(ChannelKind.WebChat);
        var conversation = Waiting(ChannelKind.WebChat);
        CustomerWrites(policy, conversation);
        Assert.Equal(Now.AddSeconds(22.5), conversation.SlaAtRiskAt);

        time.Advance(TimeSpan.FromSeconds(22.4));
        var onTrack = SlaClock.Evaluate(policy, conversation, Now);
        Assert.Equal(SlaState.OnTrack, onTrack.State);
        Assert.True(onTrack.Used < 0.75);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(SlaState.AtRisk, SlaClock.Evaluate(policy, conversation, Now).State);
        time.Advance(TimeSpan.FromSeconds(7.4));
        Assert.Equal(SlaState.AtRisk, SlaClock.Evaluate(policy, conversation, Now).State);
    }

    [Fact]
    public void AtRiskRatio_ComesFromSettings()
    {
        var policy = new SlaPolicies(new SlaOptions { AtRiskRatio = 0.5 }).For(ChannelKind.WhatsApp);
        var conversation = Waiting(ChannelKind.WhatsApp);
        CustomerWrites(policy, conversation);
        time.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(SlaState.AtRisk, SlaClock.Evaluate(policy, conversation, Now).State);
    }

    [Fact]
    public void Reply_StopsTheClock_AndTheNextCustomerMessageStartsANextResponseClock()
    {
        var policy = SlaPolicy.Default(ChannelKind.WebChat) with { NextResponse = TimeSpan.FromSeconds(60) };
        var conversation = Waiting(ChannelKind.WebChat);
        var firstStart = Now;
        CustomerWrites(policy, conversation);

        time.Advance(TimeSpan.FromSeconds(12));
        var measured = OperatorReplies(policy, conversation);
        Assert.NotNull(measured);
        Assert.True(measured.Met);
        Assert.Equal(SlaKind.FirstResponse, measured.Kind);
        Assert.Equal(12, measured.ResponseSeconds);
        Assert.Equal(firstStart.AddSeconds(30), measured.DueAt);
        Assert.Equal(SlaState.None, SlaClock.Evaluate(policy, conversation, Now).State);
        Assert.Null(conversation.SlaDueAt);

        time.Advance(TimeSpan.FromMinutes(10)); // nobody waits: no clock runs, nothing breaches
        Assert.Equal(SlaState.None, SlaClock.Evaluate(policy, conversation, Now).State);

        var secondStart = Now;
        Assert.True(CustomerWrites(policy, conversation));
        Assert.Equal(SlaKind.NextResponse, conversation.SlaKind);
        Assert.Equal(secondStart.AddSeconds(60), conversation.SlaDueAt);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(CustomerWrites(policy, conversation)); // a second message does not restart the clock
        Assert.Equal(secondStart, conversation.SlaStartedAt);
        time.Advance(TimeSpan.FromSeconds(56));
        Assert.Equal(SlaState.Breached, SlaClock.Evaluate(policy, conversation, Now).State);

        var late = OperatorReplies(policy, conversation);
        Assert.NotNull(late);
        Assert.False(late.Met);
        Assert.Equal(SlaKind.NextResponse, late.Kind);
    }

    [Fact]
    public void AutomatedMessages_DoNotStartAClock()
    {
        var policy = SlaPolicy.Default(ChannelKind.Email);
        var conversation = Waiting(ChannelKind.Email);
        Assert.False(CustomerWrites(policy, conversation, automated: true));
        Assert.Null(conversation.SlaDueAt);
        Assert.Equal(SlaState.None, SlaClock.Evaluate(policy, conversation, Now.AddDays(3)).State);
    }

    [Fact]
    public void Close_StopsTheClock_AndReopeningStartsAFreshFirstResponseClock()
    {
        var policy = SlaPolicy.Default(ChannelKind.WhatsApp);
        var conversation = Waiting(ChannelKind.WhatsApp);
        CustomerWrites(policy, conversation);
        time.Advance(TimeSpan.FromSeconds(30));
        OperatorReplies(policy, conversation);
        CustomerWrites(policy, conversation);
        Assert.Equal(SlaKind.NextResponse, conversation.SlaKind);

        ConversationRules.Close(conversation, Now);
        SlaClock.OnClose(conversation);
        Assert.Null(conversation.SlaDueAt);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(SlaState.None, SlaClock.Evaluate(policy, conversation, Now).State);

        ConversationRules.Reopen(conversation);
        var reopened = Now;
        Assert.True(CustomerWrites(policy, conversation, opened: true));
        Assert.Equal(SlaKind.FirstResponse, conversation.SlaKind);
        Assert.Equal(reopened, conversation.SlaStartedAt);
        Assert.Equal(reopened.AddMinutes(5), conversation.SlaDueAt);
        Assert.Null(conversation.BreachRaisedAt);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SlaState.Breached, SlaClock.Evaluate(policy, conversation, Now).State);
    }

    [Fact]
    public void EmailDay_IsCalendarTime_ByDefault_EvenOverAWeekend()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 3, 7, 11, 0, 0, TimeSpan.Zero)); // Saturday
        var policy = SlaPolicy.Default(ChannelKind.Email);
        var conversation = Waiting(ChannelKind.Email);
        CustomerWrites(policy, conversation);
        Assert.Equal(new DateTime(2026, 3, 8, 11, 0, 0, DateTimeKind.Utc), conversation.SlaDueAt);
    }

    [Fact]
    public void BusinessHoursPolicy_CountsOnlyOpenTime()
    {
        var policy = SlaPolicy.Default(ChannelKind.Email) with { FirstResponse = TimeSpan.FromHours(4), Calendar = BusinessCalendarTests.OfficeHoursUtc() };
        time.SetUtcNow(new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero)); // Friday 15:00, two open hours left
        var conversation = Waiting(ChannelKind.Email);
        CustomerWrites(policy, conversation);
        Assert.Equal(new DateTime(2026, 3, 9, 11, 0, 0, DateTimeKind.Utc), conversation.SlaDueAt); // Monday 11:00
        Assert.Equal(new DateTime(2026, 3, 9, 10, 0, 0, DateTimeKind.Utc), conversation.SlaAtRiskAt); // 3 of 4 hours

        time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero)); // Sunday night: still 2 hours used
        var weekend = SlaClock.Evaluate(policy, conversation, Now);
        Assert.Equal(SlaState.OnTrack, weekend.State);
        Assert.Equal(TimeSpan.FromHours(2), weekend.TimeLeft);
        time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 11, 0, 0, TimeSpan.Zero));
        Assert.Equal(SlaState.Breached, SlaClock.Evaluate(policy, conversation, Now).State);
    }

    [Fact]
    public void Settings_OverrideTargets_AndAddABusinessCalendar()
    {
        var options = new SlaOptions
        {
            Policies =
            {
                [ChannelKind.WebChat] = new SlaPolicyOptions { FirstResponse = TimeSpan.FromSeconds(45) },
                [ChannelKind.Email] = new SlaPolicyOptions
                {
                    FirstResponse = TimeSpan.FromHours(8),
                    NextResponse = TimeSpan.FromHours(4),
                    BusinessHours = new BusinessHoursOptions
                    {
                        TimeZone = "Europe/Oslo",
                        Weekly = { [DayOfWeek.Monday] = "08:00-16:00", [DayOfWeek.Tuesday] = "08:00-12:00, 13:00-16:00" },
                        ClosedDays = { new DateOnly(2026, 12, 25) },
                    },
                },
            },
        };
        Assert.Null(SlaPolicies.Validate(options));
        var policies = new SlaPolicies(options);
        Assert.Equal(TimeSpan.FromSeconds(45), policies.For(ChannelKind.WebChat).FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(45), policies.For(ChannelKind.WebChat).NextResponse);
        var email = policies.For(ChannelKind.Email);
        Assert.Equal(TimeSpan.FromHours(4), email.NextResponse);
        Assert.Equal("Europe/Oslo", email.Calendar!.TimeZone.Id);
        Assert.Equal(TimeSpan.FromMinutes(5), policies.For(ChannelKind.Telegram).FirstResponse);
    }

    [Theory]
    [InlineData(1.5, null, null)]
    [InlineData(0.75, "Nowhere/Atlantis", "09:00-17:00")]
    [InlineData(0.75, "UTC", "17:00-09:00")]
    [InlineData(0.75, "UTC", "nine to five")]
    public void InvalidSettings_AreReported(double ratio, string? zone, string? hours)
    {
        var options = new SlaOptions { AtRiskRatio = ratio };
        if (zone is not null)
            options.Policies[ChannelKind.Email] = new SlaPolicyOptions
            {
                BusinessHours = new BusinessHoursOptions { TimeZone = zone, Weekly = { [DayOfWeek.Monday] = hours! } },
            };
        Assert.NotNull(SlaPolicies.Validate(options));
    }

    private Conversation Waiting(ChannelKind channel) => new()
    {
        Id = 1,
        Channel = channel,
        ContactHandle = "someone",
        State = ConversationState.Waiting,
        CreatedAt = Now,
        LastMessageAt = Now,
    };

    private bool CustomerWrites(SlaPolicy policy, Conversation conversation, bool automated = false, bool opened = false)
    {
        var message = new Message { Channel = conversation.Channel, Direction = MessageDirection.Inbound, Text = "Hello?", CreatedAt = Now, IsAutomated = automated };
        ConversationRules.ApplyInbound(conversation, message);
        return SlaClock.OnInbound(policy, conversation, message, opened);
    }

    private SlaMeasurement? OperatorReplies(SlaPolicy policy, Conversation conversation)
    {
        var reply = new Message { Channel = conversation.Channel, Direction = MessageDirection.Outbound, Text = "Hi!", CreatedAt = Now };
        ConversationRules.ApplyReply(conversation, reply, operatorId: 7);
        return SlaClock.OnReply(policy, conversation, Now, 7);
    }
}
