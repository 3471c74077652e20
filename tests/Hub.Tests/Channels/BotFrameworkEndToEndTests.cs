using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>The hub with the Bot Framework channel pointed at a fake Bot Connector (OpenID metadata, JWKS, token endpoint, REST API).</summary>
public class BotFrameworkHub : HubFactory
{
    public BotConnectorFake Connector { get; } = new();

    public BotFrameworkHub()
    {
        Settings["Outbox:FirstBackoff"] = "00:00:00.100";
        Settings["Outbox:PollInterval"] = "00:00:00.200";
        Settings["Channels:BotFramework:AppId"] = BotConnectorFake.AppId;
        Settings["Channels:BotFramework:AppPassword"] = BotConnectorFake.AppPassword;
        Settings["Channels:BotFramework:OpenIdMetadataUrl"] = Connector.MetadataUrl;
        Settings["Channels:BotFramework:TokenEndpoint"] = Connector.TokenEndpoint;
        // Every unknown key id may fetch the keys again at once (production: at most every 5 minutes).
        Settings["Channels:BotFramework:MinKeyRefreshInterval"] = "00:00:00";
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Connector.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

public sealed class BotFrameworkEndToEndTests(BotFrameworkHub hub) : IClassFixture<BotFrameworkHub>
{
    /// <summary>A recorded activity in a conversation of this test's own, from the fake connector's serviceUrl.</summary>
    private (string Body, string ConversationId) Activity(string file, string? conversationId = null)
    {
        var conversation = conversationId ?? $"a:{Guid.NewGuid():N}";
        var body = MessagingHub.Payload($"BotFramework/{file}")
            .Replace("https://smba.trafficmanager.net/emea/", hub.Connector.ServiceUrl, StringComparison.Ordinal)
            .Replace("https://directline.botframework.com/", hub.Connector.ServiceUrl, StringComparison.Ordinal)
            .Replace("a:1Xyz-ConversationId-Personal", conversation, StringComparison.Ordinal)
            .Replace("DLconv123", conversation, StringComparison.Ordinal);
        return (body, conversation);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.BaseAddress, "/webhooks/botframework"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return hub.Http().SendAsync(request);
    }

    private async Task<List<Omnichannel.Hub.Conversations.Message>> StoredAsync(string conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Messages.AsNoTracking().Where(m => m.Channel == ChannelKind.BotFramework && m.ProviderMessageId!.StartsWith(conversationId + "|")).ToListAsync();
    }

    [Fact]
    public async Task ValidToken_MessageIsStored_AndTheReplyGoesThroughTheConnectorWithTheBotsToken()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Bo"));
        await using var console = await op.ConnectConsoleAsync();
        var (body, conversationId) = Activity("message.json");

        var response = await PostAsync(body, hub.Connector.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var live = await console.Messages.WaitAsync(m => m.Channel == ChannelKind.BotFramework && m.Text == "Hi, my invoice is wrong");
        var first = await op.ReplyAsync(live.ConversationId, "Sorry — we will correct it today.");
        var second = await op.ReplyAsync(live.ConversationId, "Done: a new invoice is on its way.");

        await console.Statuses.WaitAsync(s => s.MessageId == second.Id && s.Status == MessageStatus.Sent);
        await console.Statuses.WaitAsync(s => s.MessageId == first.Id && s.Status == MessageStatus.Sent);
        var calls = hub.Connector.Http.Calls.Where(c => c.Path.StartsWith($"/teams/v3/conversations/{conversationId}/activities/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal($"Bearer {BotConnectorFake.AccessToken}", c.Headers["Authorization"]));
        var reply = JsonDocument.Parse(calls.Single(c => c.Body.Contains("correct it")).Body).RootElement;
        Assert.Equal("29:1a2B3c4D5e6F7g8H9i0J", reply.GetProperty("recipient").GetProperty("id").GetString());
        Assert.EndsWith("/activities/1764000000001", calls[0].Path);
        // The client-credentials token is cached until it expires: one token request for both replies.
        Assert.Single(hub.Connector.Http.Calls, c => c.Path == "/oauth2/v2.0/token");
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong audience", "wrong issuer", "unknown key", "bad signature", "missing", "other serviceurl", "not a jwt"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Is401_AndNothingIsStored(string problem)
    {
        var (body, conversationId) = Activity("message.json");
        var connector = hub.Connector;
        var token = problem switch
        {
            "expired" => connector.Token(expires: DateTime.UtcNow.AddHours(-1)),
            "wrong audience" => connector.Token(audience: "someone-elses-bot"),
            "wrong issuer" => connector.Token(issuer: "https://sts.windows.net/evil/"),
            "unknown key" => connector.Token(key: BotConnectorFake.NewKey("key-1")),
            "bad signature" => Tamper(connector.Token()),
            "other serviceurl" => connector.Token(serviceUrl: "https://attacker.example/"),
            "not a jwt" => "definitely-not-a-jwt",
            _ => null,
        };

        var response = await PostAsync(body, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await StoredAsync(conversationId));
    }

    [Fact]
    public async Task RotatedKeys_AreFetchedWhenATokenNamesANewKey()
    {
        var (before, _) = Activity("directline-message.json");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(before, hub.Connector.Token())).StatusCode);
        var fetches = hub.Connector.Http.Calls.Count(c => c.Path == "/v1/.well-known/keys");

        var rotated = hub.Connector.Rotate($"key-{Guid.NewGuid():N}");
        var (after, conversationId) = Activity("directline-message.json");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(after, hub.Connector.Token(key: rotated))).StatusCode);
        Assert.Single(await StoredAsync(conversationId));
        Assert.True(hub.Connector.Http.Calls.Count(c => c.Path == "/v1/.well-known/keys") > fetches);
    }

    [Theory]
    [InlineData("conversation-update.json")]
    [InlineData("typing.json")]
    [InlineData("group-message.json")]
    public async Task ActivitiesNotForTheInbox_Are200_AndStoreNothing(string file)
    {
        var (body, conversationId) = Activity(file);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, hub.Connector.Token())).StatusCode);

        Assert.Empty(await StoredAsync(conversationId));
    }

    [Fact]
    public async Task AdaptiveCardAndEdit_AreStoredAsAPersonWouldRead_Them()
    {
        var (card, conversationId) = Activity("adaptive-card.json");
        var (message, _) = Activity("message.json", conversationId);
        var (update, _) = Activity("message-update.json", conversationId);

        foreach (var body in new[] { card, message, update })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, hub.Connector.Token())).StatusCode);

        var stored = (await StoredAsync(conversationId)).OrderBy(m => m.Id).ToList();
        Assert.Equal(2, stored.Count);
        Assert.Equal("Order 4711\nArrived damaged\nCarrier: DHL", stored[0].Text);
        Assert.Equal("Hi, my invoice 4711 is wrong", stored[1].Text);
        Assert.NotNull(stored[1].EditedAt);
    }

    [Fact]
    public async Task MalformedActivity_WithAGoodToken_Is400()
    {
        var response = await PostAsync("{\"type\":\"message\"}", hub.Connector.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{parts[1]}.{new string(signature)}";
    }
}
