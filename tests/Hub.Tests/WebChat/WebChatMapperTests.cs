using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.WebChat;

namespace Omnichannel.Hub.Tests.WebChat;

public sealed class WebChatMapperTests
{
    private readonly WebChatOptions options = new();

    [Theory]
    [InlineData(null, "hi", "client message id")]
    [InlineData("c1", null, "empty")]
    [InlineData("c1", "  \n ", "empty")]
    public void Validate_RefusesMissingParts(string? clientId, string? text, string expected) =>
        Assert.Contains(expected, WebChatMapper.Validate(clientId, text, options));

    [Fact]
    public void Validate_AcceptsExactlyTheLimit_AndRefusesOneMore()
    {
        Assert.Null(WebChatMapper.Validate("c1", new string('a', 4000), options));
        Assert.NotNull(WebChatMapper.Validate("c1", new string('a', 4001), options));
    }

    [Fact]
    public void ToInbound_KeysDedupeByVisitorAndClientId_AndTrims()
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var inbound = WebChatMapper.ToInbound("v_abc1234", "c-9", "  hello  ", at);
        Assert.Equal(ChannelKind.WebChat, inbound.Channel);
        Assert.Equal("v_abc1234:c-9", inbound.ProviderMessageId);
        Assert.Equal("hello", inbound.Text);
        Assert.Equal("Visitor 1234", inbound.ContactName);
    }
}
