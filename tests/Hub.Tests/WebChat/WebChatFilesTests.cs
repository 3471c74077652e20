using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;
using SkiaSharp;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>Files on web chat both ways: operators' files reach the widget as signed links with thumbnails; the widget's limits come from the hub.</summary>
public sealed class WebChatFilesTests : IAsyncLifetime
{
    private readonly HubFactory hub = new() { Settings = { ["Attachments:MaxBytes"] = "3000000" } };

    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    /// <summary>A real photo-like PNG (a gradient) of the given size.</summary>
    public static byte[] RealPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < height; y += 1)
            for (var x = 0; x < width; x += 1)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private async Task<(OperatorSession Op, VisitorListener Widget, long ConversationId)> ChatAsync()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Nina"));
        var visitor = await hub.NewVisitorAsync();
        var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Can you send me the size chart?");
        return (op, widget, ack.ConversationId);
    }

    [Fact]
    public async Task OperatorsFile_ReachesTheWidget_AsASignedLink_ServingTheSameBytes_WithAThumbnail()
    {
        var (op, widget, id) = await ChatAsync();
        await using var _ = widget;
        var png = RealPng(1200, 800);
        var pdf = AttachmentTests.Pdf(40_000);

        await AttachmentTests.ReplyWithAsync(op, id, "Here you go", await AttachmentTests.AttachAsync(op, id, png, "chart.png", "image/png"),
            await AttachmentTests.AttachAsync(op, id, pdf, "sizes.pdf", "application/pdf"));

        var live = await widget.Messages.WaitAsync(m => m.Direction == "operator" && m.Text == "Here you go");
        Assert.Equal(2, live.Attachments!.Count);
        var image = live.Attachments.Single(a => a.Name == "chart.png");
        var document = live.Attachments.Single(a => a.Name == "sizes.pdf");
        Assert.StartsWith(OutboundFiles.LinkPath, image.Url);
        Assert.Null(document.ThumbnailUrl);
        Assert.Equal(pdf.Length, document.Size);
        var anonymous = hub.Http();
        Assert.Equal(png, await anonymous.GetByteArrayAsync(image.Url));
        var download = await anonymous.GetAsync(document.Url);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        var thumbnail = await anonymous.GetAsync(image.ThumbnailUrl);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("nosniff", thumbnail.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Null(thumbnail.Content.Headers.ContentDisposition);
        using var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((Thumbnails.MaxEdge, 213), (small.Width, small.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image.Url[..^4] + "AAAA" + Thumbnails.Suffix)).StatusCode);

        var history = await widget.Connection.InvokeAsync<VisitorHistory>("History", id, 0L);
        Assert.Equal(["chart.png", "sizes.pdf"], history.Messages.Single(m => m.Text == "Here you go").Attachments!.Select(a => a.Name));
    }

    [Fact]
    public async Task Operators_SeeThumbnailsOfImages_NotOfOtherFiles_AndOnlyWhenSignedIn()
    {
        var (op, widget, id) = await ChatAsync();
        await using var _ = widget;
        var image = await AttachmentTests.AttachAsync(op, id, RealPng(300, 900), "tall.png", "image/png");
        var pdf = await AttachmentTests.AttachAsync(op, id, AttachmentTests.Pdf(), "a.pdf", "application/pdf");

        using var small = SKBitmap.Decode(await op.Http.GetByteArrayAsync(image.Url + Thumbnails.Suffix));
        Assert.Equal((107, 320), (small.Width, small.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await op.Http.GetAsync(pdf.Url + Thumbnails.Suffix)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Http().GetAsync(image.Url + Thumbnails.Suffix)).StatusCode);
    }

    [Fact]
    public async Task TheWidgetLearnsTheLimits_AndAFileWhoseMessageIsRefused_IsNotKept()
    {
        var config = await hub.Http().GetFromJsonAsync<WidgetConfig>("/api/widget/config", TestJson.Options);
        Assert.Equal(3_000_000, config!.MaxAttachmentBytes);
        Assert.Equal(["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"], config.AttachmentTypes);

        var visitor = await hub.NewVisitorAsync();
        var store = hub.Services.GetRequiredService<AttachmentStore>();
        var before = Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0;
        var http = hub.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", visitor.Token);
        var file = new ByteArrayContent(AttachmentTests.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var noClientId = new MultipartFormDataContent { { file, "file", "a.pdf" } };

        var refused = await http.PostAsync("/api/widget/attachments", noClientId);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0);
    }
}
