using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Adapters.Tests;

public sealed class MessagingWindowTests
{
    private static readonly DateTime Now = Payloads.Now;

    [Theory]
    [InlineData(ChannelKind.WhatsApp, -23.9, false, WindowMode.Open)]
    [InlineData(ChannelKind.WhatsApp, -24, false, WindowMode.Closed)]
    [InlineData(ChannelKind.WhatsApp, -24, true, WindowMode.Template)]
    [InlineData(ChannelKind.Messenger, -1, false, WindowMode.Open)]
    [InlineData(ChannelKind.Messenger, -48, false, WindowMode.HumanAgentTag)]
    [InlineData(ChannelKind.Messenger, -24 * 7, false, WindowMode.Closed)]
    [InlineData(ChannelKind.Sms, -1000, false, WindowMode.Unlimited)]
    [InlineData(ChannelKind.Telegram, -1000, false, WindowMode.Unlimited)]
    public void Mode_DependsOnTheChannelAndTheLastCustomerMessage(ChannelKind channel, double hoursAgo, bool template, WindowMode expected) =>
        Assert.Equal(expected, MessagingWindow.Evaluate(channel, Now.AddHours(hoursAgo), Now, template).Mode);

    [Fact]
    public void OpenWindow_SaysWhenItCloses()
    {
        var state = MessagingWindow.Evaluate(ChannelKind.WhatsApp, Now.AddHours(-2), Now);

        Assert.Equal(Now.AddHours(22), state.ClosesAt);
        Assert.True(state.CanReply);
        Assert.Null(state.Notice);
    }

    [Fact]
    public void NoCustomerMessageYet_IsAClosedWhatsAppWindow() =>
        Assert.False(MessagingWindow.Evaluate(ChannelKind.WhatsApp, null, Now).CanReply);

    [Theory]
    [InlineData(0, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void SendFailures_AreTransientOnlyWhenARetryCanHelp(int status, bool transient) =>
        Assert.Equal(transient, SendFailures.IsTransient(status));
}
