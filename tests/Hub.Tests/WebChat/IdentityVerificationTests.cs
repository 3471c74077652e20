using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using IdentityCheck = Omnichannel.Hub.Realtime.IdentityCheck;
using IdentitySignature = Omnichannel.Hub.Realtime.IdentitySignature;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.WebChat;

/// <summary>A shop signs its logged-in customer (HMAC-SHA256, Widget:IdentitySecret); only a good signature links the visitor to a contact.</summary>
public sealed class IdentityVerificationTests : IAsyncLifetime
{
    private const string Secret = "shop-secret-1";
    private readonly HubFactory hub = new();

    public async Task InitializeAsync()
    {
        hub.Settings["Widget:IdentitySecret"] = Secret;
        await hub.OperatorOnDutyAsync();
    }

    public async Task DisposeAsync() => await hub.DisposeAsync();

    /// <summary>The signature as a shop's Node server makes it (the documented snippet), by Node's own crypto module.</summary>
    private static async Task<string> NodeHmacAsync(string secret, string payload)
    {
        var node = Process.Start(new ProcessStartInfo("node",
            ["-e", "process.stdout.write(require('crypto').createHmac('sha256', process.argv[1]).update(process.argv[2]).digest('hex'))", secret, payload])
        { RedirectStandardOutput = true })!;
        var hex = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.Equal(0, node.ExitCode);
        return hex;
    }

    [Fact]
    public void AVectorMadeWithPythonsHmac_IsVerified()
    {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'shop-secret-1', 'cust-42\nada@example.com\nAda Lovelace'.encode(), hashlib.sha256).hexdigest())"
        const string python = "636123647cf5b3a0626ca7ed2dc43414e770591e278d619e6311f8d9399200dd";

        var verified = IdentitySignature.Verify(Secret, new("cust-42", "Ada Lovelace", "ada@example.com", python));

        Assert.NotNull(verified);
        Assert.Null(IdentitySignature.Verify("another-secret", new("cust-42", "Ada Lovelace", "ada@example.com", python)));
        Assert.Null(IdentitySignature.Verify(Secret, new("cust-42", "Ada Lovelace", "eve@example.com", python)));
    }

    private async Task<long> ContactWhoWroteByEmailAsync(string address)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IInboundSink>().ReceiveAsync(
            new InboundMessage(ChannelKind.Email, address, $"<{Guid.NewGuid():N}@mail.example>", "Where is my order?", DateTime.UtcNow), CancellationToken.None);
        return await ContactOfAsync(result.ConversationId);
    }

    private async Task<long> ContactOfAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ContactId).SingleAsync();
    }

    private async Task<(VisitorSession Session, Realtime.VisitorSession Answer)> SessionAsync(object? identity, string? token = null)
    {
        var response = await hub.Http().PostAsJsonAsync("/api/widget/visitor", new { token, identity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<Realtime.VisitorSession>(TestJson.Options))!;
        return (new VisitorSession(hub, answer.VisitorId, answer.Token), answer);
    }

    [Fact]
    public async Task AValidSignature_MakesTheVisitorTheContactWhoWroteByEmail()
    {
        var byMail = await ContactWhoWroteByEmailAsync("ada@example.com");
        var signature = await NodeHmacAsync(Secret, "cust-42\nada@example.com\nAda Lovelace");

        var (visitor, answer) = await SessionAsync(new { id = "cust-42", name = "Ada Lovelace", email = "ada@example.com", signature });
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Hi, it's Ada from the website");

        Assert.Equal(IdentityCheck.Verified, answer.Identity);
        Assert.Equal(byMail, await ContactOfAsync(ack.ConversationId));
    }

    [Fact]
    public async Task AVisitorWhoChattedBeforeLoggingIn_BringsTheirChatToTheSameContact()
    {
        var byMail = await ContactWhoWroteByEmailAsync("grace@example.com");
        var (visitor, _) = await SessionAsync(null);
        await using (var widget = await visitor.ConnectAsync())
        {
            var before = await widget.SendAsync("Browsing anonymously");
            Assert.NotEqual(byMail, await ContactOfAsync(before.ConversationId));
        }
        var signature = await NodeHmacAsync(Secret, "cust-7\ngrace@example.com\nGrace Hopper");

        var (_, answer) = await SessionAsync(new { id = "cust-7", name = "Grace Hopper", email = "grace@example.com", signature }, visitor.Token);
        await using var again = await visitor.ConnectAsync();
        var after = await again.SendAsync("Now logged in");

        Assert.Equal(IdentityCheck.Verified, answer.Identity);
        Assert.Equal(byMail, await ContactOfAsync(after.ConversationId));
    }

    public static TheoryData<string> Untrusted => new()
    {
        """{"id":"cust-42","name":"Ada Lovelace","email":"ada@example.com"}""",
        """{"id":"cust-42","name":"Ada Lovelace","email":"ada@example.com","signature":"0000000000000000000000000000000000000000000000000000000000000000"}""",
        // Signed for another address (Python vector above is for ada@example.com).
        """{"id":"cust-42","name":"Ada Lovelace","email":"eve@example.com","signature":"636123647cf5b3a0626ca7ed2dc43414e770591e278d619e6311f8d9399200dd"}""",
        """{"id":"cust-42","name":"Ada Lovelace","email":"ada@example.com","signature":"not hex at all, and far too long to be a signature"}""",
        """{"id":42,"email":["ada@example.com"],"signature":true}""",
        "\"ada@example.com\"",
        "42",
    };

    [Theory]
    [MemberData(nameof(Untrusted))]
    public async Task AMissingWrongOrMalformedSignature_IsUnverified_AndNothingIsLinked(string identityJson)
    {
        var byMail = await ContactWhoWroteByEmailAsync("ada@example.com");

        var (visitor, answer) = await SessionAsync(JsonDocument.Parse(identityJson).RootElement);
        await using var widget = await visitor.ConnectAsync();
        var ack = await widget.SendAsync("Hi, I am totally Ada");

        Assert.Equal(IdentityCheck.Unverified, answer.Identity);
        Assert.NotEqual(byMail, await ContactOfAsync(ack.ConversationId));
    }

    [Fact]
    public async Task WithoutAConfiguredSecret_NoIdentityIsEverVerified()
    {
        await using var unsigned = new HubFactory();
        var signature = IdentitySignature.Sign("", "cust-42", "ada@example.com", "Ada");

        var response = await unsigned.Http().PostAsJsonAsync("/api/widget/visitor", new { identity = new { id = "cust-42", name = "Ada", email = "ada@example.com", signature } });

        Assert.Equal(IdentityCheck.Unverified, (await response.Content.ReadFromJsonAsync<Realtime.VisitorSession>(TestJson.Options))!.Identity);
    }
}
