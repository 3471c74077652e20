using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Sla;

namespace Omnichannel.Hub.Tests.Sla;

/// <summary>The deadline engine's decision per clock (<see cref="SlaClock.DueAt"/>): the very function its sweep runs.</summary>
public sealed class SlaSweepDecisionTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static Conversation Clock(ChannelKind channel = ChannelKind.WebChat)
    {
        var conversation = new Conversation { Channel = channel, ContactHandle = "visitor-1", State = ConversationState.Waiting, CreatedAt = Start, LastMessageAt = Start };
        SlaClock.Start(SlaPolicy.Default(channel), conversation, SlaKind.FirstResponse, Start);
        return conversation;
    }

    [Fact]
    public void BeforeItsAtRiskMoment_NothingIsRaised()
    {
        var clock = Clock();
        Assert.Equal(SlaDue.Nothing, SlaClock.DueAt(clock, clock.SlaAtRiskAt!.Value.AddMilliseconds(-1)));
    }

    [Fact]
    public void AtItsAtRiskMoment_TheAtRiskAlertIsRaised_OnlyOnce()
    {
        var clock = Clock();
        var at = clock.SlaAtRiskAt!.Value;
        Assert.Equal(SlaDue.AtRisk, SlaClock.DueAt(clock, at));
        clock.AtRiskRaisedAt = at;
        Assert.Equal(SlaDue.Nothing, SlaClock.DueAt(clock, at));
        Assert.Equal(clock.SlaDueAt, SlaClock.NextCheckWhenNothingDue(clock));
    }

    [Fact]
    public void AtItsDueTime_TheBreachIsRaised_EvenIfTheAtRiskAlertNeverWas_AndThenNothingMore()
    {
        var clock = Clock(ChannelKind.WhatsApp);
        var due = clock.SlaDueAt!.Value;
        Assert.Equal(SlaDue.Breach, SlaClock.DueAt(clock, due));
        // Claiming the breach marks the at-risk moment passed too (SlaAlerts.ClaimBreachesAsync).
        clock.BreachRaisedAt = due;
        clock.AtRiskRaisedAt ??= due;
        Assert.Equal(SlaDue.Nothing, SlaClock.DueAt(clock, due.AddHours(1)));
        Assert.Null(SlaClock.NextCheckWhenNothingDue(clock));
    }

    [Fact]
    public void AStoppedClock_RaisesNothing()
    {
        var clock = Clock();
        SlaClock.Stop(clock);
        Assert.Equal(SlaDue.Nothing, SlaClock.DueAt(clock, Start.AddDays(1)));
    }
}
