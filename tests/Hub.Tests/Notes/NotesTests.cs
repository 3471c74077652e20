using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Notes;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Channels;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Notes;

public sealed class NotesTests : IDisposable
{
    private readonly RecordingSenders senders = new();
    private readonly MessagingHub hub;

    public NotesTests()
    {
        hub = new MessagingHub();
        hub.OverrideServices = senders.Install;
    }

    public void Dispose() => hub.Dispose();

    [Fact]
    public async Task A_note_never_reaches_the_sender_of_any_channel_while_a_reply_after_it_does()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var conversations = new Dictionary<ChannelKind, long>();
        foreach (var channel in Enum.GetValues<ChannelKind>())
            conversations[channel] = await Seed.ConversationAsync(hub, channel, op.Operator.Id);

        foreach (var (channel, id) in conversations)
        {
            var note = await op.Http.PostAsJsonAsync($"/api/conversations/{id}/notes", new { text = $"NOTE-{channel}: customer is angry, be careful" });
            Assert.Equal(HttpStatusCode.OK, note.StatusCode);
            await op.ReplyAsync(id, $"REPLY-{channel}");
        }

        // The outbox sends in order: once each reply written after its note reached its channel's sender, a note would have too.
        await Eventually.TrueAsync(() => Enum.GetValues<ChannelKind>().All(c => senders.Sent.Any(m => m.Channel == c && m.Text == $"REPLY-{c}")),
            "every channel's sender got the reply");
        Assert.DoesNotContain(senders.Sent, m => m.Text.Contains("NOTE-", StringComparison.Ordinal));
        foreach (var id in conversations.Values)
            Assert.DoesNotContain(await op.MessagesAsync(id), m => m.Text.Contains("NOTE-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_with_an_at_mention_reaches_the_colleague_live_and_every_console_sees_the_note()
    {
        var ann = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var bea = await hub.LoginAsync(await hub.CreateOperatorAsync("Bea Jansen"));
        var annConsole = await ann.ConnectConsoleAsync();
        var beaConsole = await bea.ConnectConsoleAsync();
        var mentions = new Inbox<MentionDto>();
        var annMentions = new Inbox<MentionDto>();
        var notes = new Inbox<NoteDto>();
        beaConsole.Connection.On<MentionDto>("Mentioned", mentions.Add);
        annConsole.Connection.On<MentionDto>("Mentioned", annMentions.Add);
        beaConsole.Connection.On<NoteDto>("NoteAdded", notes.Add);
        var id = await Seed.ConversationAsync(hub, ChannelKind.WebChat, ann.Operator.Id);

        var response = await ann.Http.PostAsJsonAsync($"/api/conversations/{id}/notes", new { text = "@Bea Jansen can you check the refund?" });
        var note = (await response.Content.ReadFromJsonAsync<NoteDto>(TestJson.Options))!;

        Assert.Equal([bea.Operator.Id], note.Mentions);
        var mention = await mentions.WaitAsync(m => m.NoteId == note.Id);
        Assert.Equal(id, mention.ConversationId);
        Assert.Equal("Ann", mention.ByOperatorName);
        await notes.WaitAsync(n => n.Id == note.Id);
        var listed = await bea.Http.GetFromJsonAsync<List<NoteDto>>($"/api/conversations/{id}/notes", TestJson.Options);
        Assert.Equal("@Bea Jansen can you check the refund?", Assert.Single(listed!).Text);
        Assert.Empty(annMentions.Seen);
    }

    [Fact]
    public async Task A_ten_thousand_character_note_is_refused_with_a_reason_and_nothing_is_stored()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Ann"));
        var id = await Seed.ConversationAsync(hub, ChannelKind.Sms, op.Operator.Id);

        var response = await op.Http.PostAsJsonAsync($"/api/conversations/{id}/notes", new { text = new string('x', 10_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 4000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await op.Http.GetFromJsonAsync<List<NoteDto>>($"/api/conversations/{id}/notes", TestJson.Options))!);
        Assert.Equal(HttpStatusCode.NotFound, (await op.Http.PostAsJsonAsync("/api/conversations/999999/notes", new { text = "hi" })).StatusCode);
    }
}
