using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Conversations.Outbox;

namespace Omnichannel.Hub.Tests.Conversations;

public sealed class OutboxRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    private readonly OutboxOptions options = new() { FirstBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(5), MaxAttempts = 3, CheckDelay = TimeSpan.FromSeconds(30), MaxChecks = 2 };

    private OutboxDispatcher Dispatcher() => new(null!, new OutboxSignal(), new FakeTimeProvider(), Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

    private static OutboxItem Item() => new() { Message = new Message { Text = "hi", Status = MessageStatus.Pending }, DueAt = Now };

    [Fact]
    public void Backoff_Doubles_UpToTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), options.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(4), options.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(16), options.Backoff(4));
        Assert.Equal(TimeSpan.FromMinutes(5), options.Backoff(30));
    }

    [Fact]
    public void Sent_RecordsTheProviderId_AndLeavesTheDueSet()
    {
        var item = Item();
        Dispatcher().Apply(item, SendResult.Sent("SM123"), Now);
        Assert.Null(item.DueAt);
        Assert.Equal(MessageStatus.Sent, item.Message!.Status);
        Assert.Equal("SM123", item.Message.ProviderMessageId);
    }

    [Fact]
    public void Transient_IsRetriedWithBackoff_ThenFailsWithTheReason()
    {
        var item = Item();
        var dispatcher = Dispatcher();
        dispatcher.Apply(item, SendResult.Transient("HTTP 503"), Now);
        Assert.Equal(Now.AddSeconds(2), item.DueAt);
        Assert.Equal(MessageStatus.Pending, item.Message!.Status);
        dispatcher.Apply(item, SendResult.Transient("HTTP 503"), Now);
        dispatcher.Apply(item, SendResult.Transient("HTTP 503"), Now);
        Assert.Null(item.DueAt);
        Assert.Equal(MessageStatus.Failed, item.Message.Status);
        Assert.Contains("HTTP 503", item.Message.StatusReason);
    }

    [Fact]
    public void Permanent_FailsAtOnce_WithTheProvidersReason()
    {
        var item = Item();
        Dispatcher().Apply(item, SendResult.Permanent("21211: invalid 'To' number"), Now);
        Assert.Null(item.DueAt);
        Assert.Equal(MessageStatus.Failed, item.Message!.Status);
        Assert.Equal("21211: invalid 'To' number", item.Message.StatusReason);
    }

    [Fact]
    public void Unknown_IsNotRetried_ButCheckedLater_AndStaysPending()
    {
        var item = Item();
        Dispatcher().Apply(item, SendResult.Unknown("Twilio at http://127.0.0.1:9 did not answer in time"), Now);
        Assert.Equal(Now.AddSeconds(30), item.DueAt);
        Assert.Equal(Now, item.InFlightSince);
        Assert.Equal(MessageStatus.Pending, item.Message!.Status);
        Assert.Contains("127.0.0.1:9", item.Message.StatusReason);
    }

    [Fact]
    public void Check_Arrived_IsSentWithTheProvidersId_AndDone()
    {
        var item = Item();
        item.InFlightSince = Now;
        Dispatcher().ApplyCheck(item, Reconciliation.Arrived("SM9"), Now);
        Assert.Null(item.DueAt);
        Assert.Null(item.InFlightSince);
        Assert.Equal(MessageStatus.Sent, item.Message!.Status);
        Assert.Equal("SM9", item.Message.ProviderMessageId);
    }

    [Fact]
    public void Check_NotFound_AsksAgain_ThenLeavesItToTheOperator()
    {
        var item = Item();
        item.InFlightSince = Now;
        item.LastError = "Twilio at http://edge.example did not answer in time";
        var dispatcher = Dispatcher();
        dispatcher.ApplyCheck(item, Reconciliation.NotFound("not listed"), Now);
        Assert.Equal(Now.AddSeconds(30), item.DueAt);
        Assert.Equal(MessageStatus.Pending, item.Message!.Status);
        dispatcher.ApplyCheck(item, Reconciliation.NotFound("not listed"), Now);
        Assert.Null(item.DueAt);
        Assert.Equal(MessageStatus.Unconfirmed, item.Message.Status);
        Assert.StartsWith(OutboxDispatcher.MayNotHaveArrived, item.Message.StatusReason);
        Assert.Contains("http://edge.example", item.Message.StatusReason);
    }

    [Fact]
    public void Check_OnAChannelThatCannotBeAsked_GoesToTheOperatorAtOnce()
    {
        var item = Item();
        item.InFlightSince = Now;
        Dispatcher().ApplyCheck(item, Reconciliation.NoWayToAsk("Telegram cannot be asked"), Now);
        Assert.Null(item.DueAt);
        Assert.Equal(MessageStatus.Unconfirmed, item.Message!.Status);
    }

    [Fact]
    public void Check_SafeToResend_SendsAgainNow()
    {
        var item = Item();
        item.InFlightSince = Now;
        Dispatcher().ApplyCheck(item, Reconciliation.SafeToResend(), Now);
        Assert.Equal(Now, item.DueAt);
        Assert.Null(item.InFlightSince);
    }

    [Theory]
    [InlineData(MessageStatus.Unconfirmed, MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Unconfirmed, MessageStatus.Failed, true)]
    [InlineData(MessageStatus.Unconfirmed, MessageStatus.Pending, false)]
    [InlineData(MessageStatus.Pending, MessageStatus.Unconfirmed, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Unconfirmed, false)]
    [InlineData(MessageStatus.Failed, MessageStatus.Delivered, false)]
    public void StatusRules_AnUnconfirmedMessageTakesWhatTheProviderSays(MessageStatus from, MessageStatus to, bool expected) =>
        Assert.Equal(expected, MessageStatusRules.CanMove(from, to));
}
