using System.Text.Json.Nodes;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.BotFramework;

namespace Omnichannel.Adapters.Tests;

public sealed class BotFrameworkMapperTests
{
    private static BotFrameworkEvent Map(string file)
    {
        var (activity, error) = BotFrameworkMapper.Parse(Payloads.Bytes($"BotFramework/{file}"));
        Assert.Null(error);
        return BotFrameworkMapper.Map(activity!, Payloads.Now);
    }

    private static InboundMessage Inbound(string file) => Assert.IsType<BotFrameworkInbound>(Map(file)).Message;

    [Fact]
    public void TeamsMessage_IsTheUsersText_WithoutTheMention_AndTheFileAsAttachment()
    {
        var message = Inbound("message.json");

        Assert.Equal(ChannelKind.BotFramework, message.Channel);
        Assert.Equal("msteams:29:1a2B3c4D5e6F7g8H9i0J", message.ContactHandle);
        Assert.Equal("a:1Xyz-ConversationId-Personal|1764000000001", message.ProviderMessageId);
        Assert.Equal("Hi, my invoice is wrong", message.Text);
        Assert.Equal("Megan Bowen", message.ContactName);
        var file = Assert.Single(message.Attachments);
        Assert.Equal(("invoice-4711.pdf", "application/pdf"), (file.Name, file.ContentType));
    }

    [Fact]
    public void TheReplyAddress_IsKeptAsTheThreadKey()
    {
        var address = BotFrameworkAddress.Parse(Inbound("message.json").ThreadKey)!;

        Assert.Equal("https://smba.trafficmanager.net/emea/", address.ServiceUrl);
        Assert.Equal(("28:app-id-for-tests", "29:1a2B3c4D5e6F7g8H9i0J", "1764000000001"), (address.BotId, address.UserId, address.ReplyToId));
        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1Xyz-ConversationId-Personal/activities/1764000000001",
            BotFrameworkMapper.ReplyUri(address).ToString());
        var reply = BotFrameworkMapper.Reply(address, "We will fix it.");
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal("29:1a2B3c4D5e6F7g8H9i0J", (string?)reply["recipient"]!["id"]);
    }

    [Fact]
    public void DirectLineMessage_IsAMessageToo() =>
        Assert.Equal(("directline:dl_user_42", "Do you ship to Norway?"), (Inbound("directline-message.json").ContactHandle, Inbound("directline-message.json").Text));

    [Theory]
    [InlineData("conversation-update.json", "conversationUpdate")]
    [InlineData("typing.json", "typing")]
    [InlineData("group-message.json", "group")]
    public void NotForTheInbox(string file, string why) => Assert.Contains(why, Assert.IsType<BotFrameworkIgnored>(Map(file)).Reason);

    [Fact]
    public void CardSubmit_KeepsTheValuesAsPayload()
    {
        var message = Inbound("card-submit.json");

        Assert.Equal("[Card submitted]", message.Text);
        Assert.Equal("5", JsonNode.Parse(message.Metadata[MetadataKeys.Payload])!["score"]!.GetValue<string>());
    }

    [Fact]
    public void AdaptiveCard_IsItsFreeText() => Assert.Equal("Order 4711\nArrived damaged\nCarrier: DHL", Inbound("adaptive-card.json").Text);

    [Fact]
    public void MessageUpdate_IsAnEditOfTheOriginal()
    {
        var edit = Assert.IsType<BotFrameworkEdit>(Map("message-update.json")).Edit;

        Assert.Equal("a:1Xyz-ConversationId-Personal|1764000000001", edit.ProviderMessageId);
        Assert.Equal("Hi, my invoice 4711 is wrong", edit.Text);
    }

    [Fact]
    public void Reaction_NamesTheMessageReactedTo() =>
        Assert.Equal(("a:1Xyz-ConversationId-Personal|REPLYID", "👍"),
            (Assert.IsType<BotFrameworkReaction>(Map("message-reaction.json")).Reaction.ProviderMessageId, Assert.IsType<BotFrameworkReaction>(Map("message-reaction.json")).Reaction.Emoji));

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"nope\",\"conversation\":{\"id\":\"c\"}}")]
    public void MalformedActivities_AreErrors(string body) => Assert.NotNull(BotFrameworkMapper.Parse(System.Text.Encoding.UTF8.GetBytes(body)).Error);

    [Theory]
    [InlineData(-30, true)]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public void Lifetime_AllowsTheClockSkew(int minutesAfterExpiry, bool valid)
    {
        var exp = Payloads.Now;
        Assert.Equal(valid, BotFrameworkTokenValidator.Lifetime(exp.AddHours(-1), exp, exp.AddMinutes(minutesAfterExpiry), TimeSpan.FromMinutes(5)));
    }
}
