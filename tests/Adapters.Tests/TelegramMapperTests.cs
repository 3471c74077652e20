using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Telegram;

namespace Omnichannel.Adapters.Tests;

public sealed class TelegramMapperTests
{
    private static TelegramEvent Map(string file)
    {
        var (update, error) = TelegramMapper.Parse(Payloads.Text($"Telegram/{file}"));
        Assert.Null(error);
        return TelegramMapper.Map(update!, Payloads.Now);
    }

    private static InboundMessage Inbound(string file) => Assert.IsType<TelegramInbound>(Map(file)).Message;

    [Fact]
    public void Text_IsATelegramMessage_IdentifiedByChat_DedupedByChatAndMessageId()
    {
        var message = Inbound("text.json")!;

        Assert.Equal(ChannelKind.Telegram, message.Channel);
        Assert.Equal("5550001", message.ContactHandle);
        // chat:message_id — what a redelivery repeats, and what edits and reactions name.
        Assert.Equal("5550001:42", message.ProviderMessageId);
        Assert.Equal("Hello, is the store open on Sunday?", message.Text);
        Assert.Equal("Ivan Petrov", message.ContactName);
    }

    [Fact]
    public void Photo_IsTheLargestSize_FetchedThroughTheHub_WithTheCaption()
    {
        var message = Inbound("media.json")!;

        var photo = Assert.Single(message.Attachments);
        Assert.Equal("/media/telegram/AgACAgIAAxkBAAMrLarge", photo.Url);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal("The box arrived broken", message.Text);
    }

    [Fact]
    public void Location_IsReadableText_AndAMapLink()
    {
        var message = Inbound("location.json")!;

        Assert.Equal("📍 Location: (55.7558, 37.6173)", message.Text);
        Assert.Contains("mlon=37.6173", Assert.Single(message.Attachments).Url);
    }

    [Fact]
    public void Edit_NamesTheOriginalMessage_WithTheNewTextAndTime()
    {
        var edit = Assert.IsType<TelegramEdit>(Map("edited.json"));

        Assert.Equal("5550001:42", edit.Edit.ProviderMessageId);
        Assert.Equal("Hello, is the store open on Sunday morning?", edit.Edit.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764000030).UtcDateTime, edit.Edit.EditedAt);
        // Only if the original was never stored is the edit kept as a message of its own.
        Assert.Equal("✏️ Edited: Hello, is the store open on Sunday morning?", edit.AsNew.Text);
        Assert.NotEqual(edit.Edit.ProviderMessageId, edit.AsNew.ProviderMessageId);
    }

    [Theory]
    [InlineData("group.json", "supergroup")]
    [InlineData("group-edit.json", "supergroup")]
    [InlineData("channel-post.json", "channel")]
    [InlineData("from-bot.json", "bot")]
    public void GroupsChannelsAndBots_AreNotCustomers(string file, string why) =>
        Assert.Contains(why, Assert.IsType<TelegramIgnored>(Map(file)).Reason);

    [Fact]
    public void ContactCard_KeepsTheNameAndNumber()
    {
        var message = Inbound("contact.json");

        Assert.Equal("👤 Contact: Olga Petrova, +79161234567", message.Text);
        Assert.Equal("Olga Petrova", message.Metadata[MetadataKeys.ContactName]);
        Assert.Equal("+79161234567", message.Metadata[MetadataKeys.ContactPhone]);
        Assert.Equal("Ivan Petrov", message.ContactName);
    }

    [Fact]
    public void Venue_IsItsTitleAddressAndPlace()
    {
        var message = Inbound("venue.json");

        Assert.Equal("📍 Location: Red Square, Moscow, 109012 (55.7539, 37.6208)", message.Text);
        Assert.Equal("55.7539", message.Metadata[MetadataKeys.Latitude]);
        Assert.Equal("Red Square, Moscow, 109012", Assert.Single(message.Attachments).Name);
    }

    [Fact]
    public void StartWithDeepLinkParameter_IsContext_NotCustomerText()
    {
        var message = Inbound("start-deep-link.json");

        Assert.Equal("order-4711", message.Metadata[MetadataKeys.StartParameter]);
        Assert.DoesNotContain("/start", message.Text);
    }

    [Theory]
    [InlineData("/start", "")]
    [InlineData("/start abc", "abc")]
    [InlineData("/start@shop_bot abc", "abc")]
    [InlineData("/starter", null)]
    [InlineData("hello /start", null)]
    public void StartParameter_IsReadFromTheCommand(string text, string? expected) =>
        Assert.Equal(expected, TelegramMapper.StartParameter(text));

    [Fact]
    public void TappedButton_IsTheButtonLabel_WithItsDataAsPayload_AndIsAnswered()
    {
        var tapped = Assert.IsType<TelegramInbound>(Map("callback-query.json"));

        Assert.Equal("😀 5", tapped.Message.Text);
        Assert.Equal("csat:5", tapped.Message.Metadata[MetadataKeys.Payload]);
        Assert.Equal("5550001", tapped.Message.ContactHandle);
        Assert.Equal("4382bfdwdsb323b2d9", tapped.CallbackQueryId);
    }

    [Fact]
    public void Reaction_NamesTheMessage_AndRemovalIsNull()
    {
        var added = Assert.IsType<TelegramReaction>(Map("reaction.json")).Reaction;
        var removed = Assert.IsType<TelegramReaction>(Map("reaction-removed.json")).Reaction;

        Assert.Equal(("5550001", "5550001:42", "👍"), (added.ContactHandle, added.ProviderMessageId, added.Emoji));
        Assert.Null(removed.Emoji);
    }

    [Fact]
    public void BlockingTheBot_MarksTheContactUnreachable_AndRestartingClearsIt()
    {
        var blocked = Assert.IsType<TelegramReachability>(Map("member.json")).Change;
        var back = Assert.IsType<TelegramReachability>(Map("unblocked.json")).Change;

        Assert.Contains("blocked the bot", blocked.BlockedReason);
        Assert.Equal("5550001", blocked.ContactHandle);
        Assert.Null(back.BlockedReason);
    }

    [Fact]
    public void AllowedUpdates_AskForButtonsReactionsAndBlocks()
    {
        var asked = TelegramMapper.AllowedUpdates.Select(u => u.ToString()).ToList();

        Assert.Contains("CallbackQuery", asked);
        Assert.Contains("MyChatMember", asked);
        Assert.Contains("MessageReaction", asked);
    }

    [Fact]
    public void Sticker_ShowsItsEmoji() => Assert.Equal("[Sticker 👍]", Inbound("sticker.json")!.Text);

    [Fact]
    public void UnsupportedMessage_IsShownToTheOperator_NotDropped() =>
        Assert.StartsWith("[Unsupported Telegram message: poll", Inbound("unsupported.json")!.Text);


    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"update_id\":\"x\"}")]
    public void MalformedBodies_AreErrors_NotExceptions(string body)
    {
        var (update, error) = TelegramMapper.Parse(body);

        Assert.Null(update);
        Assert.NotNull(error);
    }
}
