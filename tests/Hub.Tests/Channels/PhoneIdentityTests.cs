using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;

namespace Omnichannel.Hub.Tests.Channels;

public sealed class PhoneIdentityTests
{
    [Theory]
    [InlineData("whatsapp:+34600111222", "+34600111222")]
    [InlineData("+34 600 111 222", "+34600111222")]
    [InlineData("+1 (415) 523-8886", "+14155238886")]
    [InlineData("visitor-4f2a", null)]
    [InlineData("34600111222", null)]
    [InlineData("ada@example.com", null)]
    public void Normalize_IsE164WithoutThePrefix(string handle, string? expected) => Assert.Equal(expected, PhoneIdentity.Normalize(handle));

    [Fact]
    public void Counterpart_IsTheSamePhoneOnTheOtherTwilioChannel()
    {
        Assert.Equal((ChannelKind.Sms, "+34600111222"), PhoneIdentity.Counterpart(ChannelKind.WhatsApp, "whatsapp:+34600111222"));
        Assert.Equal((ChannelKind.WhatsApp, "whatsapp:+34600111222"), PhoneIdentity.Counterpart(ChannelKind.Sms, "+34600111222"));
        Assert.Null(PhoneIdentity.Counterpart(ChannelKind.Telegram, "+34600111222"));
        Assert.Null(PhoneIdentity.Counterpart(ChannelKind.Sms, "short-code"));
    }
}
