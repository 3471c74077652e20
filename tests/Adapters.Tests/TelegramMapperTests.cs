using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Telegram;

namespace Omnichannel.Adapters.Tests;

public sealed class TelegramMapperTests
{
    private static InboundMessage? Inbound(string file)
    {
        var (update, error) = TelegramMapper.Parse(Payloads.Text($"Telegram/{file}"));
        Assert.Null(error);
        return TelegramMapper.ToInbound(update!, Payloads.Now);
    }

    [Fact]
    public void Text_IsATelegramMessage_IdentifiedByChat_DedupedByUpdateId()
    {
        var message = Inbound("text.json")!;

        Assert.Equal(ChannelKind.Telegram, message.Channel);
        Assert.Equal("5550001", message.ContactHandle);
        Assert.Equal("815000001", message.ProviderMessageId);
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
    public void Edit_IsShownAsAnEdit() => Assert.Equal("✏️ Edited: Hello, is the store open on Sunday morning?", Inbound("edited.json")!.Text);

    [Fact]
    public void Sticker_ShowsItsEmoji() => Assert.Equal("[Sticker 👍]", Inbound("sticker.json")!.Text);

    [Fact]
    public void UnsupportedMessage_IsShownToTheOperator_NotDropped() =>
        Assert.StartsWith("[Unsupported Telegram message: poll", Inbound("unsupported.json")!.Text);

    [Fact]
    public void UpdatesWithoutAMessage_AreNotForTheInbox() => Assert.Null(Inbound("member.json"));

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
