using System.Net;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>
/// Provider input that does not fit the hub's columns, on the real hub and whichever database the run uses (test.sh
/// runs this class on SQLite and on PostgreSQL, which enforces column lengths and refuses NUL characters): free text is
/// cut or cleaned and stored, identifiers are refused with a reason, and a batch keeps its good events. Never a 5xx.
/// </summary>
public sealed class ProviderInputLimitsTests(MessagingHub hub) : IClassFixture<MessagingHub>
{
    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");
    private static string NewPhone() => "+3460" + Random.Shared.Next(1_000_000, 9_999_999);

    private static Dictionary<string, string> WhatsApp(string phone, string sid) =>
        MessagingHub.Form("Twilio/whatsapp-text.txt", ("+34600111222", phone), ("34600111222", phone.TrimStart('+')), ("SM1f0e8ae6ade43cb3c0ce4525424e404f", sid));

    [Fact]
    public async Task AProfileNameLongerThanTheColumn_IsStoredCutWithAMarker_AndTheMessageAccepted()
    {
        var sid = NewSid();
        var form = WhatsApp(NewPhone(), sid);
        form["ProfileName"] = new string('x', 5_000);

        var response = await hub.PostTwilioAsync("/webhooks/twilio", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, sid));
        var name = await ContactNameAsync(stored.ConversationId);
        Assert.Equal(StoredLimits.ContactName, name!.Length);
        Assert.EndsWith("x…", name);
    }

    [Fact]
    public async Task ASenderLongerThanAnyStoredHandle_IsRefusedWith400AndAReason_NothingStored()
    {
        var sid = NewSid();
        var form = WhatsApp(NewPhone(), sid);
        form["From"] = "whatsapp:+" + new string('9', 400);

        var response = await hub.PostTwilioAsync("/webhooks/twilio", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("contact handle", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await hub.MessagesWithProviderIdAsync(ChannelKind.WhatsApp, sid));
    }

    [Fact]
    public async Task AMessengerBatch_WithAnUnstorableMid_StoresItsGoodEvents_AndAnswers200()
    {
        var good = "m_" + Guid.NewGuid().ToString("N");
        var body = MessagingHub.Payload("Messenger/batch.json").Replace("m_batch_1", "m_\\u0000bad", StringComparison.Ordinal)
            .Replace("m_batch_2", good, StringComparison.Ordinal).Replace("7010000000000002", "70100" + Random.Shared.Next(10_000_000, 99_999_999), StringComparison.Ordinal);

        var response = await hub.PostMessengerAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("second", Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Messenger, good)).Text);
    }

    [Fact]
    public async Task NulCharactersInAText_AreLeftOut_TheRestIsStored()
    {
        var chat = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var marker = Guid.NewGuid().ToString("N");
        var body = MessagingHub.Payload("Telegram/text.json").Replace("5550001", chat, StringComparison.Ordinal)
            .Replace("815000001", chat, StringComparison.Ordinal).Replace("Hello, is the store open on Sunday?", $"before\\u0000after {marker}", StringComparison.Ordinal);

        var response = await hub.PostTelegramAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal($"beforeafter {marker}", await db.Messages.Where(m => m.Channel == ChannelKind.Telegram && m.Text.EndsWith(marker)).Select(m => m.Text).SingleAsync());
    }

    [Fact]
    public async Task StatusCallbacksNamingUnstorableIds_AreAnswered200_AndChangeNothing()
    {
        var form = MessagingHub.Form("Twilio/status-delivered.txt", ("SMREPLACEDBYTEST", "SM" + new string('a', 500)));

        var response = await hub.PostTwilioAsync("/webhooks/twilio/status", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Generated messages of every channel (ids and texts of any length and content) straight into the hub's
    /// sink: each is stored (fitted) or refused with a reason — never an exception from the database.</summary>
    [Fact]
    public async Task AnyInboundMessageOfAnyChannel_IsStoredFittedOrRefusedWithAReason()
    {
        var sink = hub.Provider.GetRequiredService<IInboundSink>();
        var text = Gen.OneOf(Gen.String, Gen.Const("\0"), Gen.Const(new string('y', 9_000)), Gen.String[Gen.Char, 0, 400]);
        var id = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String[Gen.Char.AlphaNumeric, 290, 330], Gen.String[Gen.Char, 1, 20]);
        var messages = Gen.Select(Gen.Enum<ChannelKind>(), id, id, text, Gen.Select(text, text), (channel, handle, pid, body, extra) =>
            new InboundMessage(channel, "h" + handle, "p" + pid + Guid.NewGuid().ToString("N")[..8], body, DateTime.UtcNow)
            {
                ContactName = extra.Item1,
                ThreadKey = channel == ChannelKind.Email ? extra.Item2 : null,
                Metadata = new Dictionary<string, string> { [MetadataKeys.Payload] = extra.Item2 },
            });

        var outcomes = new List<InboundResult>();
        foreach (var message in messages.Array[150].Single())
        {
            var result = await sink.ReceiveAsync(message, CancellationToken.None);
            outcomes.Add(result);
            if (result.Refused is null)
                Assert.True(result.MessageId > 0);
            else
                Assert.NotNull(StoredLimits.Fit(message).Refusal);
        }
        Assert.Contains(outcomes, o => o.Refused is null);
        Assert.Contains(outcomes, o => o.Refused is not null);
    }

    private async Task<string?> ContactNameAsync(long conversationId)
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Contact!.DisplayName).SingleAsync();
    }
}
