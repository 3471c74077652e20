using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Adapters.Telegram;
using Omnichannel.Hub.Tests.Infrastructure;
using static Omnichannel.Hub.Tests.Channels.TelegramEndToEndTests;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>Telegram's documented update kinds, each from a recorded payload: what is stored, offered and timed.</summary>
public sealed class TelegramEventTests(ChannelEventsHub hub) : IClassFixture<ChannelEventsHub>
{
    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(long ChatId, long ConversationId)> CustomerWroteAsync(int messageId = 42)
    {
        var (body, _, chat) = Update("text.json", messageId: messageId);
        (await hub.PostTelegramAsync(body)).EnsureSuccessStatusCode();
        var conversation = await hub.ConversationOfAsync(ChannelKind.Telegram, S(chat));
        return (chat, conversation!.Id);
    }

    [Fact]
    public async Task GroupChannelAndBotMessages_StoreNothing_AndNothingIsOffered()
    {
        var ignored = new[] { "group.json", "group-edit.json", "channel-post.json", "from-bot.json" }.Select(f => Update(f)).ToList();

        foreach (var update in ignored)
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTelegramAsync(update.Body)).StatusCode);
        var (_, person) = await CustomerWroteAsync();

        await hub.Console.Offers.WaitAsync(o => o.ConversationId == person);
        Assert.DoesNotContain(hub.Console.Offers.Seen, o => o.ConversationId != person && o.Channel == ChannelKind.Telegram && o.ContactName is "Shop fans" or "Spam Bot" or "Shop news");
        Assert.False(await hub.AnyContactAsync(ChannelKind.Telegram, "-1001234567890"));
        Assert.False(await hub.AnyContactAsync(ChannelKind.Telegram, "-1009876543210"));
        Assert.False(await hub.AnyContactAsync(ChannelKind.Telegram, S(ignored[3].ChatId)));
    }

    [Fact]
    public async Task Edit_ChangesTheMessageInPlace_WithoutANewMessageOrANewClock()
    {
        var (chat, id) = await CustomerWroteAsync();
        var before = await hub.ConversationOfAsync(ChannelKind.Telegram, S(chat));
        Assert.NotNull(before!.SlaDueAt);

        var (edit, _, _) = Update("edited.json", chat, 42);
        Assert.Equal(HttpStatusCode.OK, (await hub.PostTelegramAsync(edit)).StatusCode);

        var shown = await hub.Console.Updated.WaitAsync(m => m.ConversationId == id);
        Assert.Equal("Hello, is the store open on Sunday morning?", shown.Text);
        Assert.NotNull(shown.EditedAt);
        var stored = Assert.Single(await hub.MessagesOfAsync(id));
        Assert.Equal("Hello, is the store open on Sunday morning?", stored.Text);
        var after = await hub.ConversationOfAsync(ChannelKind.Telegram, S(chat));
        Assert.Equal((before.SlaStartedAt, before.SlaDueAt, before.WaitingSince), (after!.SlaStartedAt, after.SlaDueAt, after.WaitingSince));
        Assert.Equal(1, await hub.DbAsync(db => db.Offers.CountAsync(o => o.ConversationId == id)));
    }

    [Fact]
    public async Task Reaction_ToTheOperatorsReply_IsShownOnThatReply_AndCanBeTakenBack()
    {
        var (chat, id) = await CustomerWroteAsync();
        var offer = await hub.Console.Offers.WaitAsync(o => o.ConversationId == id);
        (await hub.Operator.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        var reply = await hub.Operator.ReplyAsync(id, "We open at 10.");
        var sent = await hub.Console.Statuses.WaitAsync(s => s.MessageId == reply.Id && s.Status == MessageStatus.Sent);
        // The Bot API's message_id of our reply, as the fake Telegram answered sendMessage.
        var messageId = (await hub.MessagesOfAsync(id)).Single(m => m.Id == reply.Id).ProviderMessageId!.Split(':')[1];

        (await hub.PostTelegramAsync(Update("reaction.json", chat, int.Parse(messageId, CultureInfo.InvariantCulture)).Body)).EnsureSuccessStatusCode();
        var reacted = await hub.Console.Updated.WaitAsync(m => m.Id == reply.Id && m.Reaction == "👍");
        (await hub.PostTelegramAsync(Update("reaction-removed.json", chat, int.Parse(messageId, CultureInfo.InvariantCulture)).Body)).EnsureSuccessStatusCode();
        await hub.Console.Updated.WaitAsync(m => m.Id == reply.Id && m.Reaction == null);

        Assert.Equal(2, (await hub.MessagesOfAsync(id)).Count);
        Assert.Equal(sent.ConversationId, reacted.ConversationId);
    }

    [Fact]
    public async Task ContactCard_IsStoredWithNameAndNumber()
    {
        var (body, _, chat) = Update("contact.json");

        (await hub.PostTelegramAsync(body)).EnsureSuccessStatusCode();

        var conversation = await hub.ConversationOfAsync(ChannelKind.Telegram, S(chat));
        var card = Assert.Single(await hub.MessagesOfAsync(conversation!.Id));
        Assert.Equal("👤 Contact: Olga Petrova, +79161234567", card.Text);
        Assert.Equal("+79161234567", card.Metadata[MetadataKeys.ContactPhone]);
        Assert.NotNull(conversation.SlaDueAt);
    }

    [Fact]
    public async Task StartDeepLink_IsConversationContext()
    {
        var (body, _, chat) = Update("start-deep-link.json");

        (await hub.PostTelegramAsync(body)).EnsureSuccessStatusCode();

        var conversation = await hub.ConversationOfAsync(ChannelKind.Telegram, S(chat));
        var shown = (await hub.Operator.MessagesAsync(conversation!.Id)).Single();
        Assert.Equal("order-4711", shown.Metadata![MetadataKeys.StartParameter]);
        Assert.DoesNotContain("/start", shown.Text);
    }

    [Fact]
    public async Task TappedButton_IsStoredWithItsPayload_AndAnsweredInTheWebhookResponse()
    {
        var (chat, id) = await CustomerWroteAsync();
        var (body, _, _) = Update("callback-query.json", chat);

        var response = await hub.PostTelegramAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("answerCallbackQuery", answer.GetProperty("method").GetString());
        Assert.Equal("4382bfdwdsb323b2d9", answer.GetProperty("callback_query_id").GetString());
        var tap = (await hub.MessagesOfAsync(id)).Last();
        Assert.Equal("😀 5", tap.Text);
        Assert.Equal("csat:5", tap.Metadata[MetadataKeys.Payload]);
    }

    [Fact]
    public async Task BlockingTheBot_ClosesTheReplyBox_WithTheReason_UntilTheCustomerComesBack()
    {
        var (chat, id) = await CustomerWroteAsync();
        var offer = await hub.Console.Offers.WaitAsync(o => o.ConversationId == id);
        (await hub.Operator.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();

        (await hub.PostTelegramAsync(Update("member.json", chat).Body)).EnsureSuccessStatusCode();

        var window = await hub.WindowAsync(hub.Operator, id);
        Assert.Equal(WindowMode.Closed, window.Mode);
        Assert.Contains("blocked the bot", window.Notice);
        var refused = await hub.Operator.Http.PostAsJsonAsync($"/api/conversations/{id}/reply", new { text = "Hello?" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("blocked the bot", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain(hub.Telegram.Calls, c => c.Body.Contains("Hello?"));

        (await hub.PostTelegramAsync(Update("unblocked.json", chat).Body)).EnsureSuccessStatusCode();
        Assert.Equal(WindowMode.Unlimited, (await hub.WindowAsync(hub.Operator, id)).Mode);
    }

    [Fact]
    public void TheWebhookAsksForEveryKindItHandles() =>
        Assert.Equal(["Message", "EditedMessage", "CallbackQuery", "MessageReaction", "MyChatMember"], TelegramMapper.AllowedUpdates.Select(u => u.ToString()));
}
