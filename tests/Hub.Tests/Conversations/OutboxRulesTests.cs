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
    private readonly OutboxOptions options = new() { FirstBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(5), MaxAttempts = 3 };

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
}
