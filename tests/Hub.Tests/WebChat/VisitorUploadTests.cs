using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>The widget's upload: a visitor's file reaches the operator exactly; bad files are refused with the reason.</summary>
public sealed class VisitorUploadTests : IAsyncLifetime
{
    private readonly HubFactory hub = new() { Settings = { ["Attachments:MaxBytes"] = "100000" } };

    public Task InitializeAsync() => hub.OperatorOnDutyAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    private async Task<HttpResponseMessage> UploadAsync(Infrastructure.VisitorSession visitor, byte[] bytes, string name, string type, string clientId, string? text = null)
    {
        var http = hub.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", visitor.Token);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var form = new MultipartFormDataContent { { file, "file", name }, { new StringContent(clientId), "clientMessageId" } };
        if (text is not null)
            form.Add(new StringContent(text), "text");
        return await http.PostAsync("/api/widget/attachments", form);
    }

    [Fact]
    public async Task VisitorsFile_ReachesTheOperatorByteForByte_OnceEvenIfRetried()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ola"));
        await using var console = await op.ConnectConsoleAsync();
        var visitor = await hub.NewVisitorAsync();
        var pdf = AttachmentTests.Pdf(60_000);
        var clientId = Guid.NewGuid().ToString("N");

        var first = await UploadAsync(visitor, pdf, "receipt.pdf", "application/pdf", clientId, "My receipt");
        var again = await UploadAsync(visitor, pdf, "receipt.pdf", "application/pdf", clientId, "My receipt");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var ack = (await first.Content.ReadFromJsonAsync<VisitorAck>(TestJson.Options))!;
        Assert.True((await again.Content.ReadFromJsonAsync<VisitorAck>(TestJson.Options))!.Duplicate);
        var shown = await console.Messages.WaitAsync(m => m.Id == ack.MessageId);
        Assert.Equal("My receipt", shown.Text);
        var file = Assert.Single(shown.Attachments);
        var download = await op.Http.GetAsync(file.Url);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Single(await op.MessagesAsync(ack.ConversationId));
    }

    [Fact]
    public async Task OversizeOrDisallowedFiles_Are413And415_AndNothingIsStored()
    {
        var visitor = await hub.NewVisitorAsync();
        var store = hub.Services.GetRequiredService<AttachmentStore>();
        var before = Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0;

        var big = await UploadAsync(visitor, AttachmentTests.Pdf(150_000), "big.pdf", "application/pdf", "c1");
        var html = await UploadAsync(visitor, "<script>alert(1)</script>"u8.ToArray(), "page.html", "text/html", "c2");
        var anonymous = await hub.Http().PostAsync("/api/widget/attachments", new MultipartFormDataContent());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Contains("text/html", await html.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before, Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0);
    }
}
