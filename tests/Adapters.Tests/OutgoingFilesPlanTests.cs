using System.Text.Json.Nodes;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.BotFramework;
using Omnichannel.Adapters.Messenger;

namespace Omnichannel.Adapters.Tests;

/// <summary>How replies with files are shaped for Messenger and the Bot Framework (the functions the senders run).</summary>
public sealed class OutgoingFilesPlanTests
{
    private static readonly Attachment Png = new("/api/attachments/0123456789abcdef0123456789abcdef", "image/png", "label.png", 30_000);
    private static readonly Attachment Pdf = new("/api/attachments/fedcba9876543210fedcba9876543210", "application/pdf", "invoice.pdf", 90_000);
    private static readonly Attachment BigPng = Png with { Size = BotFrameworkFiles.MaxInlineBytes + 1 };

    private static OutboundMessage Reply(string text, params Attachment[] files) =>
        new(1, 2, ChannelKind.Messenger, "7010000000000001", text) { Attachments = files, LastInboundAt = new DateTime(2026, 1, 1), QuickReplies = ["1", "2"] };

    private static JsonObject TextBody(OutboundMessage m) => MessengerMapper.PlanSend(m, new DateTime(2026, 1, 1, 1, 0, 0)).Body!;

    [Fact]
    public void Messenger_TextFirstWithItsQuickReplies_ThenOneMessagePerFile_ByLink()
    {
        var message = Reply("Here you go", Png, Pdf);
        var parts = MessengerFiles.Plan(TextBody(message), message, a => new Uri($"https://hub.example/media/out/{a.Name}"));

        Assert.Equal(3, parts.Count);
        Assert.Equal("Here you go", (string?)parts[0].Body["message"]!["text"]);
        Assert.NotNull(parts[0].Body["message"]!["quick_replies"]);
        Assert.Equal(["image", "file"], parts.Skip(1).Select(p => (string?)p.Body["message"]!["attachment"]!["type"]));
        Assert.Equal("https://hub.example/media/out/invoice.pdf", (string?)parts[2].Body["message"]!["attachment"]!["payload"]!["url"]);
        Assert.All(parts.Skip(1), p => Assert.False((bool)p.Body["message"]!["attachment"]!["payload"]!["is_reusable"]!));
        Assert.All(parts, p => Assert.Null(p.Upload));
        Assert.All(parts, p => Assert.Equal("RESPONSE", (string?)p.Body["messaging_type"]));
    }

    [Fact]
    public void Messenger_FilesOnly_NoEmptyTextMessage_AndWithoutAPublicAddressTheyAreUploaded()
    {
        var message = Reply("  ", Pdf);
        var parts = MessengerFiles.Plan(TextBody(message), message, _ => null);

        var part = Assert.Single(parts);
        Assert.Same(Pdf, part.Upload);
        Assert.Null(part.Body["message"]!["attachment"]!["payload"]!["url"]);
        Assert.Equal("7010000000000001", (string?)part.Body["recipient"]!["id"]);
    }

    [Fact]
    public void Messenger_APartialSend_TellsTheOperatorWhatArrived()
    {
        Assert.Equal("Only 1 of 3 parts reached Messenger (text first, then one message per file); the rest failed: HTTP 500. Retrying sends the whole reply again.",
            MessengerFiles.PartlySent(1, 3, "HTTP 500"));
    }

    [Fact]
    public void BotFramework_LinkWhenThereIsAPublicAddress_InlineOnlyForSmallImages_ElseNot()
    {
        var link = new Uri("https://hub.example/media/out/x");
        Assert.Equal(BotFrameworkFiles.Way.Link, BotFrameworkFiles.HowToSend(Pdf, link));
        Assert.Equal(BotFrameworkFiles.Way.Inline, BotFrameworkFiles.HowToSend(Png, null));
        Assert.Equal(BotFrameworkFiles.Way.Impossible, BotFrameworkFiles.HowToSend(BigPng, null));
        Assert.Equal(BotFrameworkFiles.Way.Impossible, BotFrameworkFiles.HowToSend(Pdf, null));
        var inline = BotFrameworkFiles.Inline(Png, [1, 2, 3]);
        Assert.Equal("data:image/png;base64,AQID", (string?)inline["contentUrl"]);
        Assert.Equal("label.png", (string?)inline["name"]);
    }
}
