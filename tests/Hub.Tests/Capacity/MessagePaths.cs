using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>
/// The hub's message paths, each run as one named action on a seeded history (<see cref="HistorySeed"/>) with its SQL
/// recorded: web chat from a new and a known visitor, signed Twilio, Telegram and Messenger webhooks from new and known
/// contacts (one with history, one whose conversation an away operator holds), operator replies, a status callback,
/// offers accepted, declined and timing out, a close that hands out the queue, the visitor's reconnect and the widget's
/// bootstrap. Each action lasts until its pushes arrived and every event it wrote is handled.
/// </summary>
public sealed partial class MessagePaths(MessagingHub hub, FakeTimeProvider clock, SqlCommandRecorder recorder)
{
    public const int SeededContacts = 4_000;

    /// <summary>The staff who made the history (none of them on duty now): no single operator holds all of it.</summary>
    public const int AwayOperators = 10;

    /// <summary>Run right after the history is seeded (PostgreSQL: ANALYZE, as autovacuum would after such a load).</summary>
    public Func<Task>? AfterSeed { get; init; }

    /// <returns>The actions' names, in order.</returns>
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        var away = new List<long>();
        for (var i = 0; i < AwayOperators; i++)
            away.Add((await hub.CreateOperatorAsync($"Away{i}")).Id);
        await HistorySeed.SeedAsync(hub, SeededContacts, away, clock.GetUtcNow().UtcDateTime);
        if (AfterSeed is not null)
            await AfterSeed();
        var ada = await hub.LoginAsync(await hub.CreateOperatorAsync("Ada"));
        (await ada.Http.PutAsJsonAsync("/api/operators/me/settings", new { liveCapacity = 5, asyncCapacity = 5 })).EnsureSuccessStatusCode();
        await using var console = await ada.ConnectConsoleAsync();
        (await ada.Http.PutAsJsonAsync("/api/operators/me/presence", new { presence = "Available" })).EnsureSuccessStatusCode();
        await HandledAsync();

        var visitor = await hub.NewVisitorAsync();
        await using var widget = await visitor.ConnectAsync();
        var chat = await ActAsync("web chat: a new visitor's first message", async () =>
        {
            var ack = await widget.SendAsync("Do you ship to Norway?");
            await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
            return ack.ConversationId;
        });
        await ActAsync("routing: the operator accepts the web chat", () => AcceptAsync(console, ada, chat));
        await ActAsync("web chat: the known visitor writes again", async () =>
        {
            var ack = await widget.SendAsync("To Oslo, please");
            return await console.Messages.WaitAsync(m => m.Id == ack.MessageId);
        });
        await ActAsync("operator replies on web chat", async () =>
        {
            await ada.ReplyAsync(chat, "Yes, in 2-3 days.");
            return await widget.Messages.WaitAsync(m => m.Text == "Yes, in 2-3 days.");
        });

        const string phone = "+34651234567";
        var whatsApp = await ActAsync("Twilio webhook: a new WhatsApp contact", async () =>
        {
            await PostTwilioAsync("/webhooks/twilio", WhatsApp(phone));
            return (await console.Offers.WaitAsync(o => o.Channel == ChannelKind.WhatsApp)).ConversationId;
        });
        await ActAsync("routing: the operator accepts the WhatsApp conversation", () => AcceptAsync(console, ada, whatsApp));
        await ActAsync("Twilio webhook: the known WhatsApp contact writes again", async () =>
        {
            var before = await LastMessageIdAsync();
            await PostTwilioAsync("/webhooks/twilio", WhatsApp(phone));
            return await console.Messages.WaitAsync(m => m.ConversationId == whatsApp && m.Id > before);
        });
        var reply = await ActAsync("operator replies on WhatsApp (through Twilio)", async () =>
        {
            var sent = await ada.ReplyAsync(whatsApp, "Sí, la tenemos.");
            await console.Statuses.WaitAsync(s => s.MessageId == sent.Id && s.Status == MessageStatus.Queued);
            return sent.Id;
        });
        await ActAsync("Twilio status callback: delivered", async () =>
        {
            var sid = await ProviderIdAsync(reply);
            await PostTwilioAsync("/webhooks/twilio/status", MessagingHub.Form("Twilio/status-delivered.txt", ("SMREPLACEDBYTEST", sid)));
            return await console.Statuses.WaitAsync(s => s.MessageId == reply && s.Status == MessageStatus.Delivered);
        });

        var (update, _, telegramChat) = TelegramEndToEndTests.Update("text.json");
        var telegram = await ActAsync("Telegram webhook: a new contact", async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTelegramAsync(update)).StatusCode);
            return await console.Offers.WaitAsync(o => o.Channel == ChannelKind.Telegram);
        });
        await ActAsync("routing: the operator declines the Telegram conversation", async () =>
        {
            // Nobody else is on duty: it goes back to the queue (the answer comes once the decision is taken).
            (await ada.Http.PostAsync($"/api/offers/{telegram.Id}/decline", null)).EnsureSuccessStatusCode();
            return 0;
        });
        await ActAsync("Telegram webhook: the known contact writes again", async () =>
        {
            var before = await LastMessageIdAsync();
            Assert.Equal(HttpStatusCode.OK, (await hub.PostTelegramAsync(TelegramEndToEndTests.Update("text.json", telegramChat).Body)).StatusCode);
            return await console.Messages.WaitAsync(m => m.ConversationId == telegram.ConversationId && m.Id > before);
        });

        // A contact with history (closed conversations, messages, offers) comes back on WhatsApp.
        var seededContact = await SeededWhatsAppContactAsync();
        var returning = await ActAsync("Twilio webhook: a contact with history comes back", async () =>
        {
            await PostTwilioAsync("/webhooks/twilio", WhatsApp(HistorySeed.WhatsAppPhone(seededContact)));
            return await console.Offers.WaitAsync(o => o.Channel == ChannelKind.WhatsApp && o.ConversationId != whatsApp);
        });
        Assert.Equal(seededContact, await ContactOfAsync(returning.ConversationId));
        await ActAsync("routing: the operator accepts the returning contact", () => AcceptAsync(console, ada, returning.ConversationId));
        await ActAsync("Messenger webhook: a new contact", async () =>
        {
            var body = MessagingHub.Payload("Messenger/text.json").Replace("7010000000000001", "7099000000000042", StringComparison.Ordinal)
                .Replace("m_text_AbCdEf0123456789", "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await hub.PostMessengerAsync(body)).StatusCode);
            return await console.Offers.WaitAsync(o => o.Channel == ChannelKind.Messenger);
        });
        // A contact whose conversation is still open, assigned to the operator who is away, writes again by SMS.
        var (smsContact, smsConversation) = await SeededOpenSmsAsync();
        var smsTo = await ActAsync("Twilio webhook: an SMS to a conversation held by an operator who is away", async () =>
        {
            var sid = "SM" + Guid.NewGuid().ToString("N");
            await PostTwilioAsync("/webhooks/twilio", MessagingHub.Form("Twilio/sms-text.txt", ("+34600111222", $"+3171{1_000_000 + smsContact}"),
                ("SM5f60718293a4b5c6d7e8f9a0b1c2d3e4", sid)));
            return Assert.Single(await hub.MessagesWithProviderIdAsync(ChannelKind.Sms, sid)).ConversationId;
        });
        Assert.Equal(smsConversation, smsTo);
        await ActAsync("operator opens the WhatsApp conversation", async () =>
            (await ada.Http.GetFromJsonAsync<List<MessageDto>>($"/api/conversations/{whatsApp}/messages", TestJson.Options))!.Count);
        await ActAsync("the visitor reconnects and fetches what it missed", async () =>
        {
            await using var again = await (await hub.NewVisitorAsync(visitor.Token)).ConnectAsync();
            return (await again.HistoryAsync(chat, 0)).Messages.Count;
        });
        await ActAsync("a shop page asks for the widget (bootstrap)", async () =>
            (await hub.Http().GetAsync("/api/widget/bootstrap?path=/shop&lang=en")).EnsureSuccessStatusCode());
        await ActAsync("operator closes the web chat: freed capacity hands out the queue", async () =>
        {
            (await ada.Http.PostAsync($"/api/conversations/{chat}/close", null)).EnsureSuccessStatusCode();
            return await console.Conversations.WaitAsync(c => c.Id == chat && c.State == ConversationState.Closed);
        });
        var second = await (await hub.NewVisitorAsync()).ConnectAsync();
        await using (second)
            await ActAsync("routing: an unanswered web chat offer times out", async () =>
            {
                var ack = await second.SendAsync("Anyone there?");
                var offer = await console.Offers.WaitAsync(o => o.ConversationId == ack.ConversationId);
                clock.Advance(hub.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Omnichannel.Hub.Routing.RoutingOptions>>().Value.LiveOfferTimeout);
                return await console.Withdrawn.WaitAsync(o => o.Id == offer.Id);
            });

        return Actions;
    }

    private List<string> Actions { get; } = [];

    /// <summary>Runs one action with its SQL recorded under its name, until its pushes arrived and its events are handled.</summary>
    private async Task<T> ActAsync<T>(string name, Func<Task<T>> action)
    {
        Actions.Add(name);
        using (recorder.During(name))
        {
            var result = await action();
            await HandledAsync();
            return result;
        }
    }

    private async Task<int> AcceptAsync(ConsoleListener console, OperatorSession op, long conversationId)
    {
        var offer = await console.Offers.WaitAsync(o => o.ConversationId == conversationId);
        (await op.Http.PostAsync($"/api/offers/{offer.Id}/accept", null)).EnsureSuccessStatusCode();
        await console.Conversations.WaitAsync(c => c.Id == conversationId && c.State == ConversationState.Assigned);
        return 0;
    }
}
