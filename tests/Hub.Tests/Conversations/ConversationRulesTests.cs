using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Tests.Conversations;

public sealed class ConversationRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    private static Conversation Waiting() => new() { ContactHandle = "v_1", State = ConversationState.Waiting, CreatedAt = T0, LastMessageAt = T0 };

    private static Message Msg(string text, DateTime at, bool automated = false) => new() { Text = text, CreatedAt = at, IsAutomated = automated };

    [Fact]
    public void Inbound_StartsWaiting_AtTheOldestUnansweredMessage()
    {
        var c = Waiting();
        ConversationRules.ApplyInbound(c, Msg("first", T0));
        ConversationRules.ApplyInbound(c, Msg("second", T0.AddSeconds(20)));
        Assert.Equal(T0, c.WaitingSince);
        Assert.Equal(T0.AddSeconds(20), c.LastInboundAt);
        Assert.Equal("second", c.LastMessagePreview);
    }

    [Fact]
    public void AutomatedInbound_DoesNotMakeTheCustomerWait()
    {
        var c = Waiting();
        ConversationRules.ApplyInbound(c, Msg("Out of office", T0, automated: true));
        Assert.Null(c.WaitingSince);
    }

    [Fact]
    public void Reply_StopsWaiting_AndAssignsAWaitingConversationToTheReplier()
    {
        var c = Waiting();
        ConversationRules.ApplyInbound(c, Msg("hello", T0));
        ConversationRules.ApplyReply(c, Msg("hi!", T0.AddSeconds(5)), operatorId: 7);
        Assert.Null(c.WaitingSince);
        Assert.Equal(ConversationState.Assigned, c.State);
        Assert.Equal(7, c.AssignedOperatorId);
    }

    [Fact]
    public void Reopen_PutsAClosedConversationBackInTheQueueUnassigned()
    {
        var c = Waiting();
        ConversationRules.Assign(c, 3);
        ConversationRules.Close(c, T0);
        ConversationRules.Reopen(c);
        Assert.Equal(ConversationState.Waiting, c.State);
        Assert.Null(c.AssignedOperatorId);
        Assert.Null(c.ClosedAt);
    }

    [Fact]
    public void Preview_IsOneLine_AndCappedAt140Characters()
    {
        Assert.Equal("a b", ConversationRules.Preview("a\nb"));
        var preview = ConversationRules.Preview(new string('x', 500));
        Assert.Equal(140, preview.Length);
        Assert.EndsWith("…", preview);
    }

    [Theory]
    [InlineData(MessageStatus.Pending, MessageStatus.Sent, true)]
    [InlineData(MessageStatus.Sent, MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Read, true)]
    [InlineData(MessageStatus.Read, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Sent, false)]
    [InlineData(MessageStatus.Sent, MessageStatus.Failed, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Failed, false)]
    [InlineData(MessageStatus.Failed, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Pending, MessageStatus.Queued, true)]
    [InlineData(MessageStatus.Queued, MessageStatus.Sent, true)]
    [InlineData(MessageStatus.Queued, MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Sent, MessageStatus.Queued, false)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Queued, false)]
    [InlineData(MessageStatus.Queued, MessageStatus.Failed, true)]
    public void MessageStatus_OnlyMovesForward(MessageStatus from, MessageStatus to, bool allowed) =>
        Assert.Equal(allowed, MessageStatusRules.CanMove(from, to));
}
