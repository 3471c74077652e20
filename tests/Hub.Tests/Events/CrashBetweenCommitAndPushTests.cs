using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Events;

/// <summary>
/// The real hub as a process, killed by its fault-injection switch right after an inbound message's commit and before
/// any push; restarted on the same SQLite file, it pushes the message to the operator when the provider retries, and
/// the retry is not stored a second time.
/// </summary>
public sealed class CrashBetweenCommitAndPushTests
{
    private const string PublicBase = "https://hub.crash-test.invalid";
    private const string OperatorEmail = "crash-operator@test.local";
    private const string Password = "crash-test-password-1";

    [Fact]
    public async Task HubKilledAfterCommit_OnRestartTheProviderRetryIsDeduplicated_AndTheOperatorReceivesThePush()
    {
        var data = HubFactory.NewDataDirectory();
        Directory.CreateDirectory(data);
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var phone = "+3462" + Random.Shared.Next(1_000_000, 9_999_999);
        var form = MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("SM1f0e8ae6ade43cb3c0ce4525424e404f", sid));
        try
        {
            await using (var first = await HubProcess.StartAsync(data, Settings(killAfterCommit: true)))
            {
                // The webhook never gets an answer: the hub dies between the commit and the push.
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostTwilioAsync(first, form));
                Assert.True(await first.ExitedAsync(TimeSpan.FromSeconds(60)), "the fault switch should have killed the hub");
            }
            Assert.Equal(1, await CountAsync(data, db => db.Messages.CountAsync(m => m.ProviderMessageId == sid)));
            Assert.Equal(1, await CountAsync(data, db => db.Set<DomainEvent>().CountAsync()));

            await using var second = await HubProcess.StartAsync(data, Settings(killAfterCommit: false));
            var (http, token) = await second.LoginAsync(OperatorEmail, Password);
            await using var console = await second.ConnectConsoleAsync(token);

            // Twilio retries the webhook it got no answer for.
            (await PostTwilioAsync(second, form)).EnsureSuccessStatusCode();

            var pushed = await console.Messages.WaitAsync(m => m.Text == form["Body"], TimeSpan.FromSeconds(30));
            Assert.Equal(ChannelKind.WhatsApp, pushed.Channel);
            var stored = await http.GetFromJsonAsync<List<MessageDto>>($"/api/conversations/{pushed.ConversationId}/messages", TestJson.Options);
            Assert.Single(stored!, m => m.Direction == MessageDirection.Inbound);
            Assert.Equal(1, await CountAsync(data, db => db.Messages.CountAsync(m => m.ProviderMessageId == sid)));
            Assert.Equal(0, await CountAsync(data, db => db.Set<DomainEvent>().CountAsync()));
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Both lives run as the same node with a long claim: only the provider's retry (not the claim running out) can make
    /// the restarted hub take over the dead life's event, so the operator is connected when it is pushed.
    /// </summary>
    private static Dictionary<string, string> Settings(bool killAfterCommit) => new()
    {
        ["Faults__KillAfterInboundCommit"] = killAfterCommit ? "true" : "false",
        ["Events__NodeId"] = "crash-test-node",
        ["Events__ClaimLease"] = "01:00:00",
        ["Demo__Enabled"] = "true",
        ["Demo__OperatorEmail"] = OperatorEmail,
        ["Demo__Password"] = Password,
        ["Channels__Twilio__AccountSid"] = MessagingHub.AccountSid,
        ["Channels__Twilio__AuthToken"] = MessagingHub.AuthToken,
        ["Channels__Twilio__PublicBaseUrl"] = PublicBase,
        // No reply is sent in this test; an unroutable address keeps any stray call on this machine.
        ["Channels__Twilio__ApiBaseUrl"] = "http://127.0.0.1:9/",
        ["Channels__WhatsApp__From"] = MessagingHub.WhatsAppNumber,
    };

    private static async Task<HttpResponseMessage> PostTwilioAsync(HubProcess hub, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", MessagingHub.TwilioSignature(PublicBase + "/webhooks/twilio", form));
        using var http = hub.Http();
        return await http.SendAsync(request);
    }

    private static async Task<int> CountAsync(string data, Func<OmnichannelDb, Task<int>> count)
    {
        var options = new DbContextOptionsBuilder<OmnichannelDb>().UseSqlite($"Data Source={Path.Combine(data, "hub.db")};Pooling=False").Options;
        await using var db = new OmnichannelDb(options);
        return await count(db);
    }
}
