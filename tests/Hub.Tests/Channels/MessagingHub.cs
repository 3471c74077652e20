using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Messenger;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>
/// The hub with WhatsApp, SMS, Messenger and Telegram (webhook mode) on, each pointed at a fake provider on loopback:
/// the real Twilio SDK through a host-rewriting handler, the Graph base URL, the Telegram.Bot base URL.
/// </summary>
public class MessagingHub : HubFactory
{
    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AuthToken = "twilio-auth-token-for-tests";
    public const string WhatsAppNumber = "+14155238886";
    public const string SmsNumber = "+15005550006";
    public const string AppSecret = "meta-app-secret-for-tests";
    public const string VerifyToken = "verify-me";
    public const string PageToken = "EAAG-page-token";
    public const string BotToken = "123456:TEST-bot-token";
    public const string TelegramSecret = "telegram-secret_1";

    public FakeProvider Twilio { get; } = FakeProviders.Twilio();
    public FakeProvider Graph { get; } = FakeProviders.Graph();
    public FakeProvider Telegram { get; } = FakeProviders.Telegram();

    public MessagingHub()
    {
        Settings["Outbox:FirstBackoff"] = "00:00:00.100";
        Settings["Outbox:PollInterval"] = "00:00:00.200";
        Settings["Channels:Twilio:AccountSid"] = AccountSid;
        Settings["Channels:Twilio:AuthToken"] = AuthToken;
        Settings["Channels:Twilio:ApiBaseUrl"] = Twilio.BaseAddress.ToString();
        Settings["Channels:WhatsApp:From"] = WhatsAppNumber;
        Settings["Channels:Sms:From"] = SmsNumber;
        Settings["Channels:Messenger:PageAccessToken"] = PageToken;
        Settings["Channels:Messenger:AppSecret"] = AppSecret;
        Settings["Channels:Messenger:VerifyToken"] = VerifyToken;
        Settings["Channels:Messenger:GraphBaseUrl"] = Graph.BaseAddress.ToString();
        Settings["Channels:Telegram:BotToken"] = BotToken;
        Settings["Channels:Telegram:Mode"] = "Webhook";
        Settings["Channels:Telegram:WebhookSecret"] = TelegramSecret;
        Settings["Channels:Telegram:ApiBaseUrl"] = Telegram.BaseAddress.ToString().TrimEnd('/');
    }

    public static string Payload(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", path));

    /// <summary>Posts a Twilio form the way Twilio does: X-Twilio-Signature = base64 HMAC-SHA1(url + sorted key/values).</summary>
    public Task<HttpResponseMessage> PostTwilioAsync(string path, Dictionary<string, string> form, string? signature = null, Action<HttpRequestMessage>? tweak = null, string? signedUrl = null)
    {
        var url = new Uri(BaseAddress, path).ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature(signedUrl ?? url, form));
        tweak?.Invoke(request);
        return Http().SendAsync(request);
    }

    public static string TwilioSignature(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var key in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
            data.Append(key).Append(form[key]);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static Dictionary<string, string> Form(string payload, params (string From, string To)[] replace)
    {
        // Replaced in the decoded values, so "+346..." matches the recorded "%2B346...".
        return QueryHelpers.ParseQuery("?" + Payload(payload)).ToDictionary(p => p.Key,
            p => replace.Aggregate(p.Value.ToString(), (value, r) => value.Replace(r.From, r.To, StringComparison.Ordinal)));
    }

    /// <summary>The recorded Twilio WhatsApp text, from this phone number, with a message id of its own.</summary>
    public static Dictionary<string, string> WhatsAppText(string phone) =>
        Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("SM1f0e8ae6ade43cb3c0ce4525424e404f", "SM" + Guid.NewGuid().ToString("N")));

    /// <summary>Posts <see cref="WhatsAppText"/> from this phone number; the hub must accept it.</summary>
    public async Task<Dictionary<string, string>> WhatsAppFromAsync(string phone)
    {
        var form = WhatsAppText(phone);
        (await PostTwilioAsync("/webhooks/twilio", form)).EnsureSuccessStatusCode();
        return form;
    }

    public Task<HttpResponseMessage> PostMessengerAsync(string body, string? signature = null, bool sign = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/webhooks/messenger")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (sign)
            request.Headers.Add("X-Hub-Signature-256", signature ?? MessengerMapper.Sign(bytes, AppSecret));
        return Http().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostTelegramAsync(string body, string? secret = TelegramSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/webhooks/telegram")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return Http().SendAsync(request);
    }

    public async Task<List<Message>> MessagesWithProviderIdAsync(ChannelKind channel, string providerId)
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.AsNoTracking().Where(m => m.Channel == channel && m.ProviderMessageId == providerId).ToListAsync();
    }

    public async Task SetLastInboundAsync(long conversationId, DateTime at)
    {
        await using var scope = Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastInboundAt, at));
    }

    public async Task<WindowState> WindowAsync(OperatorSession op, long conversationId) =>
        (await op.Http.GetFromJsonAsync<WindowState>($"/api/conversations/{conversationId}/window", TestJson.Options))!;

    public async Task<JsonElement> HealthAsync() => await Http().GetFromJsonAsync<JsonElement>("/healthz");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Twilio.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Graph.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Telegram.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>The parts of each provider's API the hub uses, answering like the provider does.</summary>
public static class FakeProviders
{
    private static int counter;

    public static FakeProvider Twilio()
    {
        var fake = new FakeProvider();
        fake.Respond = call => Task.FromResult(TwilioAnswer(fake, call));
        return fake;
    }

    /// <summary>Twilio's Messages API: POST creates a message (kept in <see cref="FakeProvider.Created"/>), GET lists them
    /// filtered by To/From, newest first, as Twilio's list resource does.</summary>
    public static ProviderAnswer TwilioAnswer(FakeProvider fake, ProviderCall call)
    {
        var messagesPath = $"/2010-04-01/Accounts/{MessagingHub.AccountSid}/Messages.json";
        if (call.Method == "POST" && call.Path == messagesPath)
            return new ProviderAnswer(201, JsonSerializer.Serialize(TwilioCreate(fake, call.Form)));
        if (call.Method == "GET" && call.Path.StartsWith(messagesPath, StringComparison.Ordinal))
        {
            var query = QueryHelpers.ParseQuery(new Uri("http://x" + call.Path).Query);
            var list = fake.Created.Reverse()
                .Where(m => !query.TryGetValue("To", out var to) || m["to"] == to.ToString())
                .Where(m => !query.TryGetValue("From", out var from) || m["from"] == from.ToString())
                .ToList();
            return new ProviderAnswer(200, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["messages"] = list, ["first_page_uri"] = messagesPath, ["next_page_uri"] = null, ["previous_page_uri"] = null,
                ["page"] = 0, ["page_size"] = 50, ["start"] = 0, ["end"] = list.Count, ["uri"] = messagesPath,
            }));
        }
        return new ProviderAnswer(404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
    }

    /// <summary>Records a message as Twilio creates it (also when the caller has stopped waiting for the answer).</summary>
    public static Dictionary<string, string?> TwilioCreate(FakeProvider fake, Dictionary<string, string> form)
    {
        var sid = $"SM{Interlocked.Increment(ref counter):D32}";
        var message = new Dictionary<string, string?>
        {
            ["sid"] = sid,
            ["account_sid"] = MessagingHub.AccountSid,
            ["to"] = form.GetValueOrDefault("To"),
            ["from"] = form.GetValueOrDefault("From"),
            ["body"] = form.GetValueOrDefault("Body"),
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["date_created"] = DateTime.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture),
            ["uri"] = $"/2010-04-01/Accounts/{MessagingHub.AccountSid}/Messages/{sid}.json",
        };
        fake.Created.Enqueue(message);
        return message;
    }

    public static FakeProvider Graph() => new()
    {
        Respond = call =>
        {
            if (call.Method == "POST" && call.Path.EndsWith("/me/messages", StringComparison.Ordinal))
            {
                // JSON, or multipart form data when a file is uploaded with the message (filedata).
                var recipient = call.Headers.GetValueOrDefault("Content-Type", "").StartsWith("multipart/", StringComparison.Ordinal)
                    ? "multipart"
                    : JsonDocument.Parse(call.Body).RootElement.GetProperty("recipient").GetProperty("id").GetString();
                return Task.FromResult(new ProviderAnswer(200, JsonSerializer.Serialize(new { recipient_id = recipient, message_id = $"m_sent_{Interlocked.Increment(ref counter)}" })));
            }
            if (call.Method == "GET")
                return Task.FromResult(new ProviderAnswer(200, "{\"first_name\":\"Lena\",\"last_name\":\"Schmidt\",\"id\":\"x\"}"));
            return Task.FromResult(new ProviderAnswer(404, "{\"error\":{\"message\":\"Unknown path\",\"code\":803}}"));
        },
    };

    public static FakeProvider Telegram()
    {
        var fake = new FakeProvider();
        fake.Respond = async call =>
        {
            var method = call.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1)?.Split('?')[0];
            using var args = call.Body.Length > 0 && call.Body.TrimStart().StartsWith('{') ? JsonDocument.Parse(call.Body) : JsonDocument.Parse("{}");
            switch (method?.ToLowerInvariant())
            {
                case "sendmessage":
                    var chatId = args.RootElement.GetProperty("chat_id").GetRawText();
                    var text = args.RootElement.GetProperty("text").GetString();
                    return new ProviderAnswer(200, "{\"ok\":true,\"result\":{\"message_id\":" + Interlocked.Increment(ref counter) + ",\"date\":1764000000,\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"},\"text\":" + JsonSerializer.Serialize(text) + "}}");
                case "getupdates":
                    var offset = args.RootElement.TryGetProperty("offset", out var o) ? o.GetInt64() : 0;
                    var ready = fake.Updates.Where(u => u.Id >= offset).ToList();
                    if (ready.Count == 0)
                        await Task.Delay(200);
                    return new ProviderAnswer(200, $$"""{"ok":true,"result":[{{string.Join(',', ready.Select(u => u.Json))}}]}""");
                case "sendphoto" or "senddocument" or "sendmediagroup":
                    // Uploads are multipart/form-data (the test reads the file parts from the recorded call).
                    var sentMessage = "{\"message_id\":" + Interlocked.Increment(ref counter) + ",\"date\":1764000000,\"chat\":{\"id\":" + "0" + ",\"type\":\"private\"}}";
                    return new ProviderAnswer(200, method!.Equals("sendMediaGroup", StringComparison.OrdinalIgnoreCase) ? "{\"ok\":true,\"result\":[" + sentMessage + "]}" : "{\"ok\":true,\"result\":" + sentMessage + "}");
                case "deletewebhook" or "setwebhook":
                    return new ProviderAnswer(200, """{"ok":true,"result":true,"description":"Webhook was set"}""");
                default:
                    return new ProviderAnswer(404, """{"ok":false,"error_code":404,"description":"Not Found"}""");
            }
        };
        return fake;
    }
}
