using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Attachments;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>The messaging hub with a public address for provider-fetched media and a small upload limit.</summary>
public sealed class AttachmentHub : MessagingHub
{
    public const string PublicBase = "https://hub.example.test";
    public const int MaxBytes = 200_000;

    public AttachmentHub()
    {
        Settings["Attachments:PublicBaseUrl"] = PublicBase;
        Settings["Attachments:MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Files operators attach, end to end: what each provider receives is the file the operator attached.</summary>
public sealed class AttachmentTests(AttachmentHub hub) : IClassFixture<AttachmentHub>
{
    public static byte[] Pdf(int size = 50_000)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static byte[] Png(int size = 40_000)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static async Task<HttpResponseMessage> UploadAsync(OperatorSession op, long conversationId, byte[] bytes, string name, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", name } };
        return await op.Http.PostAsync($"/api/conversations/{conversationId}/attachments", form);
    }

    public static async Task<Attachment> AttachAsync(OperatorSession op, long conversationId, byte[] bytes, string name, string contentType)
    {
        var response = await UploadAsync(op, conversationId, bytes, name, contentType);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Attachment>(TestJson.Options))!;
    }

    public static async Task<MessageDto> ReplyWithAsync(OperatorSession op, long conversationId, string text, params Attachment[] files)
    {
        var response = await op.Http.PostAsJsonAsync($"/api/conversations/{conversationId}/reply", new { text, attachments = files.Select(f => f.Url) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MessageDto>(TestJson.Options))!;
    }

    private async Task<(OperatorSession Op, ConsoleListener Console, long ConversationId, long Chat)> TelegramConversationAsync()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Fay"));
        var console = await op.ConnectConsoleAsync();
        var (body, _, chat) = TelegramEndToEndTests.Update("text.json");
        (await hub.PostTelegramAsync(body)).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Telegram);
        return (op, console, live.ConversationId, chat);
    }

    [Fact]
    public async Task Telegram_ADocumentGoesThroughSendDocument_ByteForByte_WithTheTextAsCaption()
    {
        var (op, console, id, chat) = await TelegramConversationAsync();
        await using var _ = console;
        var pdf = Pdf();

        var file = await AttachAsync(op, id, pdf, "invoice-4711.pdf", "application/pdf");
        var reply = await ReplyWithAsync(op, id, "Here is the corrected invoice.", file);

        var call = await hub.Telegram.WaitAsync(c => c.Path.EndsWith("/sendDocument", StringComparison.Ordinal) && c.Body.Contains(chat.ToString(CultureInfo.InvariantCulture)));
        // Telegram.Bot sends document=attach://0 and the file as part "0".
        Assert.Contains("name=document", call.Body);
        var sent = Assert.Single(await call.FilesAsync()).Value;
        Assert.Equal(pdf, sent.Bytes);
        Assert.Equal("invoice-4711.pdf", sent.FileName);
        Assert.Contains("Here is the corrected invoice.", call.Body);
        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        Assert.Equal("invoice-4711.pdf", Assert.Single(reply.Attachments).Name);
    }

    [Fact]
    public async Task Telegram_AnImageGoesThroughSendPhoto()
    {
        var (op, console, id, chat) = await TelegramConversationAsync();
        await using var _ = console;
        var png = Png();

        await ReplyWithAsync(op, id, "", await AttachAsync(op, id, png, "label.png", "image/png"));

        var call = await hub.Telegram.WaitAsync(c => c.Path.EndsWith("/sendPhoto", StringComparison.Ordinal) && c.Body.Contains(chat.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("name=photo", call.Body);
        Assert.Equal(png, Assert.Single(await call.FilesAsync()).Value.Bytes);
    }

    [Fact]
    public async Task Twilio_MediaUrlIsASignedExpiringLink_ServingTheSameBytesAsADownload()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Gus"));
        await using var console = await op.ConnectConsoleAsync();
        var phone = "+3462" + Random.Shared.Next(1_000_000, 9_999_999);
        (await hub.PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", phone), ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", "SM" + Guid.NewGuid().ToString("N"))))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Sms && m.Direction == MessageDirection.Inbound);
        var png = Png();

        await ReplyWithAsync(op, live.ConversationId, "Your shipping label", await AttachAsync(op, live.ConversationId, png, "label.png", "image/png"));

        var call = await hub.Twilio.WaitAsync(c => c.Form.GetValueOrDefault("To") == phone);
        var link = new Uri(call.Form["MediaUrl"]);
        Assert.Equal(new Uri(AttachmentHub.PublicBase).Host, link.Host);
        Assert.StartsWith(OutboundFiles.LinkPath, link.AbsolutePath);
        var anonymous = hub.Http();
        var download = await anonymous.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var tampered = link.AbsolutePath[..^3] + (link.AbsolutePath.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(tampered)).StatusCode);
    }

    [Fact]
    public async Task OversizeDisallowedOrDisguisedFiles_Are413Or415_WithTheReason_AndNothingIsStored()
    {
        var (op, console, id, _) = await TelegramConversationAsync();
        await using var _ = console;
        var store = hub.Services.GetRequiredService<AttachmentStore>();
        var before = Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0;

        var tooLarge = await UploadAsync(op, id, Pdf(AttachmentHub.MaxBytes + 1), "big.pdf", "application/pdf");
        var program = await UploadAsync(op, id, "MZ\u0090\0"u8.ToArray(), "setup.exe", "application/x-msdownload");
        var disguised = await UploadAsync(op, id, "MZ\u0090\0 not a pdf"u8.ToArray(), "invoice.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, program.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);
        foreach (var refused in new[] { tooLarge, program, disguised })
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()));
        }
        Assert.Equal(before, Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory).Length : 0);
        var bogus = await op.Http.PostAsJsonAsync($"/api/conversations/{id}/reply", new { text = "x", attachments = new[] { "https://evil.example/file.pdf" } });
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
    }
}

/// <summary>Messenger and Bot Framework replies with files: what the provider fetches or receives is the file the operator attached.</summary>
public sealed class MessengerFileTests(AttachmentHub hub) : IClassFixture<AttachmentHub>
{
    [Fact]
    public async Task Messenger_TextThenOneMessagePerFile_EachFileASignedLink_MetaFetchesTheSameBytes()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Mia"));
        await using var console = await op.ConnectConsoleAsync();
        var psid = "71" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);
        (await hub.PostMessengerAsync(MessagingHub.Payload("Messenger/text.json").Replace("7010000000000001", psid, StringComparison.Ordinal)
            .Replace("m_text_AbCdEf0123456789", "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal))).EnsureSuccessStatusCode();
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.Messenger && m.ConversationId > 0 && m.Direction == MessageDirection.Inbound);
        var png = AttachmentTests.Png();
        var pdf = AttachmentTests.Pdf();

        var reply = await AttachmentTests.ReplyWithAsync(op, live.ConversationId, "Label and invoice attached.",
            await AttachmentTests.AttachAsync(op, live.ConversationId, png, "label.png", "image/png"),
            await AttachmentTests.AttachAsync(op, live.ConversationId, pdf, "invoice.pdf", "application/pdf"));

        await console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        var calls = hub.Graph.Calls.Where(c => c.Method == "POST" && c.Body.Contains(psid)).Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("message")).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal("Label and invoice attached.", calls[0].GetProperty("text").GetString());
        foreach (var (sent, type, bytes) in new[] { (calls[1], "image", png), (calls[2], "file", pdf) })
        {
            var attachment = sent.GetProperty("attachment");
            Assert.Equal(type, attachment.GetProperty("type").GetString());
            Assert.False(attachment.GetProperty("payload").GetProperty("is_reusable").GetBoolean());
            var link = new Uri(attachment.GetProperty("payload").GetProperty("url").GetString()!);
            Assert.Equal(new Uri(AttachmentHub.PublicBase).Host, link.Host);
            Assert.Equal(bytes, await hub.Http().GetByteArrayAsync(link.PathAndQuery));
        }
    }
}
