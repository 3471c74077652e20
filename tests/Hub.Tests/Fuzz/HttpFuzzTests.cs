using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Omnichannel.Adapters.Messenger;
using Omnichannel.Adapters.Tests.Properties;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Channels;

namespace Omnichannel.Hub.Tests.Fuzz;

/// <summary>
/// 10,000 generated requests over the webhook and REST surfaces of the real hub (Kestrel on loopback): mutated
/// provider payloads signed correctly (so they reach the mappers), random JSON to the console, widget and admin
/// APIs with valid credentials, random ids, content types and sizes. Not one may be answered with a 5xx.
/// </summary>
public sealed class HttpFuzzTests
{
    private const int Requests = 10_000;

    private sealed record Shot(string Method, string Path, byte[] Body, string ContentType, string Who, Dictionary<string, string> Headers);

    [Theory]
    [InlineData("\u0000")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("ada@example.com\n")]
    public async Task ALoginWithAControlCharacterInTheEmail_IsWrongCredentials_NotAServerError(string email)
    {
        using var hub = new MessagingHub();
        using var response = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email, password = "longpassword1" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TenThousandGeneratedRequests_NeverGetA5xx()
    {
        using var hub = new MessagingHub();
        hub.Settings["RateLimits:Enabled"] = "false";
        var admin = await hub.LoginAsync(await hub.CreateOperatorAsync("Admin", Roles.Admin));
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ops"));
        var visitor = await hub.NewVisitorAsync();
        var shots = Shots(hub).Array[Requests].Single();

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(shots, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (shot, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(shot.Method), shot.Path);
            if (shot.Method != "GET")
            {
                request.Content = new ByteArrayContent(shot.Body);
                if (MediaTypeHeaderValue.TryParse(shot.ContentType, out var type))
                    request.Content.Headers.ContentType = type;
            }
            foreach (var (name, value) in shot.Headers)
                request.Headers.TryAddWithoutValidation(name, value);
            var client = shot.Who switch { "admin" => admin.Http, "operator" => op.Http, _ => anonymous };
            if (shot.Who == "visitor")
                request.Headers.Authorization = new("Bearer", visitor.Token);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
                failures.Add($"{(int)response.StatusCode} {shot.Method} {shot.Path} as {shot.Who}: {Encoding.UTF8.GetString(shot.Body.AsSpan(0, Math.Min(300, shot.Body.Length)))}");
        });

        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} requests got a 5xx:\n{string.Join('\n', failures.Take(15))}");
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300); // the surfaces were reached, not only refused
        Assert.Contains(statuses.Keys, s => s == 400);
    }

    private static HttpClient anonymous = null!;

    private static Gen<Shot> Shots(MessagingHub hub)
    {
        anonymous = hub.Http();
        var telegram = Recorded("Telegram");
        var messenger = Recorded("Messenger");
        var twilio = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads", "Twilio")).Select(File.ReadAllText).ToArray();
        var mutation = PayloadMutations.Mutation.Array[0, 5];
        var id = Gen.OneOf(Gen.Long[1, 50], Gen.Const(long.MaxValue), Gen.Const(0L), Gen.Long[-5, 5]);
        var text = PayloadMutations.AnyText;

        var telegramShot = Gen.Select(Gen.Int[0, telegram.Length - 1], mutation, (i, ms) =>
            new Shot("POST", "/webhooks/telegram", Utf8(Unique(PayloadMutations.Apply(telegram[i], ms))), "application/json", "anonymous",
                new() { ["X-Telegram-Bot-Api-Secret-Token"] = MessagingHub.TelegramSecret }));
        var messengerShot = Gen.Select(Gen.Int[0, messenger.Length - 1], mutation, (i, ms) =>
        {
            var body = Utf8(PayloadMutations.Apply(messenger[i], ms));
            return new Shot("POST", "/webhooks/messenger", body, "application/json", "anonymous", new() { ["X-Hub-Signature-256"] = MessengerMapper.Sign(body, MessagingHub.AppSecret) });
        });
        var twilioShot = Gen.Select(Gen.Int[0, twilio.Length - 1], Gen.Select(Gen.Int[0, 40], text).Array[0, 4], Gen.Bool, (i, changes, status) =>
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + twilio[i]).ToDictionary(p => p.Key, p => p.Value.ToString());
            var keys = form.Keys.ToArray();
            foreach (var (k, v) in changes)
                form[k < keys.Length ? keys[k] : "X" + k] = v;
            form["MessageSid"] = "SM" + Guid.NewGuid().ToString("N");
            var path = status ? "/webhooks/twilio/status" : "/webhooks/twilio";
            var body = Utf8(string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
            return new Shot("POST", path, body, "application/x-www-form-urlencoded", "anonymous",
                new() { ["X-Twilio-Signature"] = MessagingHub.TwilioSignature(new Uri(hub.BaseAddress, path).ToString(), form) });
        });
        string[] jsonBodies =
        [
            """{"text":"hello","clientMessageId":"c1"}""", """{"operatorId":1}""", """{"presence":"Available"}""", """{"liveCapacity":3,"asyncCapacity":5}""",
            """{"pattern":"/cart*","exclude":false}""", """{"email":"x@y.z","password":"p"}""", """{"token":null}""", """{"score":5,"comment":"ok"}""",
            """{"visitorId":"v","events":[{"kind":"page","path":"/cart","at":"2026-11-24T10:00:00Z","dwellSeconds":12}]}""",
            """{"name":"Cart help","pagePattern":"/cart*","minDwellSeconds":10,"message":"Hi","enabled":true}""",
            """{"endpoint":"https://push.example/x","keys":{"p256dh":"a","auth":"b"}}""", """{"email":"n@x.y","displayName":"N","password":"longpassword1","role":"Operator"}""",
        ];
        string[] routes =
        [
            "POST /api/conversations/{id}/reply", "POST /api/conversations/{id}/claim", "POST /api/conversations/{id}/close", "POST /api/messages/{id}/retry",
            "GET /api/conversations/{id}", "GET /api/conversations/{id}/messages", "GET /api/conversations?state={text}", "POST /api/offers/{id}/accept",
            "POST /api/offers/{id}/decline", "PUT /api/operators/me/presence", "PUT /api/operators/me/settings", "POST /api/conversations/{id}/transfer",
            "GET /api/conversations/{id}/timeline", "GET /api/widget/state", "GET /api/widget/bootstrap?path={text}", "POST /api/widget/signals",
            "POST /api/targeting/page-rules/", "PUT /api/targeting/page-rules/{id}", "DELETE /api/targeting/page-rules/{id}", "POST /api/engagement/rules",
            "PUT /api/engagement/rules/{id}", "GET /api/engagement/visitors/{text}/decision", "POST /api/engagement/visitors/{text}/chat",
            "POST /api/auth/login", "POST /api/widget/visitor", "GET /api/widget/config", "GET /api/widget/conversations/{id}/messages",
            "POST /api/widget/conversations/{id}/csat", "GET /csat/{text}/{id}", "POST /csat/{text}", "POST /api/operators/", "GET /api/attachments/{text}",
            "POST /api/operators/me/push-subscriptions", "PUT /api/operators/me/alert-settings", "POST /api/alerts/{id}/ack", "GET /api/sla/board",
            "GET /api/conversations/{id}/window", "GET /api/conversations/{id}/csat", "GET /healthz",
        ];
        var restShot = Gen.Select(Gen.Int[0, routes.Length - 1], Gen.Int[0, jsonBodies.Length - 1], mutation, Gen.Select(id, text, Gen.Int[0, 9]), (r, b, ms, extra) =>
        {
            var (n, t, pick) = extra;
            var parts = routes[r].Split(' ');
            var path = parts[1].Replace("{id}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{text}", Uri.EscapeDataString(t.Length > 200 ? t[..200] : t), StringComparison.Ordinal);
            var body = pick == 0 ? Utf8(t) : Utf8(PayloadMutations.Apply(jsonBodies[b], ms));
            var contentType = pick == 1 ? "text/plain" : pick == 2 ? "application/x-www-form-urlencoded" : "application/json";
            var who = pick switch { < 4 => "admin", < 7 => "operator", < 9 => "visitor", _ => "anonymous" };
            return new Shot(parts[0], path, body, contentType, who, []);
        });
        return Gen.Frequency((2, telegramShot), (2, messengerShot), (2, twilioShot), (5, restShot));
    }

    private static string[] Recorded(string channel) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads", channel)).Select(File.ReadAllText)];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static int updateIds = 1_000_000;

    /// <summary>A fresh update_id where the payload still has one, so updates are not all deduplicated away.</summary>
    private static string Unique(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"update_id\":\\d+", _ => $"\"update_id\":{Interlocked.Increment(ref updateIds)}");
}
