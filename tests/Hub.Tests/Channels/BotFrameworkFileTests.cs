using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>The Bot Framework hub with a public address, so files go as signed links the connector fetches.</summary>
public sealed class BotFrameworkFilesHub : BotFrameworkHub
{
    public BotFrameworkFilesHub() => Settings["Attachments:PublicBaseUrl"] = AttachmentHub.PublicBase;
}

/// <summary>Operators' files on Bot Framework: the reply activity's attachments carry the file (link or inline), byte for byte.</summary>
public sealed class BotFrameworkFileTests(BotFrameworkFilesHub hub) : IClassFixture<BotFrameworkFilesHub>
{
    internal static async Task<(OperatorSession Op, ConsoleListener Console, long ConversationId, string Conversation)> ConversationAsync(BotFrameworkHub hub, string name)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync(name));
        var console = await op.ConnectConsoleAsync();
        var conversation = $"a:{Guid.NewGuid():N}";
        var body = MessagingHub.Payload("BotFramework/message.json")
            .Replace("https://smba.trafficmanager.net/emea/", hub.Connector.ServiceUrl, StringComparison.Ordinal)
            .Replace("a:1Xyz-ConversationId-Personal", conversation, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/botframework") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hub.Connector.Token());
        Assert.Equal(HttpStatusCode.OK, (await hub.Http().SendAsync(request)).StatusCode);
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.BotFramework);
        return (op, console, live.ConversationId, conversation);
    }

    internal static async Task<JsonElement> ActivityAsync(BotFrameworkHub hub, string conversation, string text)
    {
        var call = await hub.Connector.Http.WaitAsync(c => c.Path.StartsWith($"/teams/v3/conversations/{conversation}/activities", StringComparison.Ordinal) && c.Body.Contains(text));
        return JsonDocument.Parse(call.Body).RootElement;
    }

    [Fact]
    public async Task AnyFile_GoesAsASignedLinkInTheActivity_TheConnectorFetchesTheSameBytes()
    {
        var (op, console, id, conversation) = await ConversationAsync(hub, "Ben");
        await using var _ = console;
        var pdf = AttachmentTests.Pdf();

        await AttachmentTests.ReplyWithAsync(op, id, "Your invoice", await AttachmentTests.AttachAsync(op, id, pdf, "invoice.pdf", "application/pdf"));

        var activity = await ActivityAsync(hub, conversation, "Your invoice");
        var attachment = Assert.Single(activity.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal("invoice.pdf", attachment.GetProperty("name").GetString());
        var link = new Uri(attachment.GetProperty("contentUrl").GetString()!);
        Assert.Equal(new Uri(AttachmentHub.PublicBase).Host, link.Host);
        Assert.Equal(pdf, await hub.Http().GetByteArrayAsync(link.PathAndQuery));
    }
}

/// <summary>Without a public address: a small image goes inline (a data: URL), other files are refused with the reason, never dropped.</summary>
public sealed class BotFrameworkInlineFileTests(BotFrameworkHub hub) : IClassFixture<BotFrameworkHub>
{
    [Fact]
    public async Task ASmallImage_GoesInline_ByteForByte_AndAPdf_FailsWithTheReason()
    {
        var (op, console, id, conversation) = await BotFrameworkFileTests.ConversationAsync(hub, "Cy");
        await using var _ = console;
        var png = AttachmentTests.Png(30_000);

        await AttachmentTests.ReplyWithAsync(op, id, "The label", await AttachmentTests.AttachAsync(op, id, png, "label.png", "image/png"));
        var pdfReply = await AttachmentTests.ReplyWithAsync(op, id, "The invoice", await AttachmentTests.AttachAsync(op, id, AttachmentTests.Pdf(), "invoice.pdf", "application/pdf"));

        var activity = await BotFrameworkFileTests.ActivityAsync(hub, conversation, "The label");
        var attachment = Assert.Single(activity.GetProperty("attachments").EnumerateArray());
        var url = attachment.GetProperty("contentUrl").GetString()!;
        Assert.StartsWith("data:image/png;base64,", url);
        Assert.Equal(png, Convert.FromBase64String(url["data:image/png;base64,".Length..]));
        var failed = await console.Statuses.WaitAsync(s => s.MessageId == pdfReply.Id && s.Status == MessageStatus.Failed);
        Assert.Contains("PublicBaseUrl", failed.Reason);
        Assert.DoesNotContain(hub.Connector.Http.Calls, c => c.Body.Contains("The invoice"));
    }
}
