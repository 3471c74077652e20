using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>The satisfaction survey on Messenger (fake Graph API): asked with quick replies inside the window, not outside it.</summary>
public sealed class CsatOverMessagingTests(MessagingHub hub) : IClassFixture<MessagingHub>
{
    private static string NewPsid() => "71" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    private static string Text(string psid, string text) =>
        MessagingHub.Payload("Messenger/text.json")
            .Replace("7010000000000001", psid, StringComparison.Ordinal)
            .Replace("m_text_AbCdEf0123456789", "m_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("Hi! Where is my parcel?", text, StringComparison.Ordinal);

    private async Task<(OperatorSession Op, ConsoleListener Console, long ConversationId)> AnsweredConversationAsync(string name, string psid)
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync(name));
        var console = await op.ConnectConsoleAsync();
        (await hub.PostMessengerAsync(Text(psid, "Where is my parcel?"))).EnsureSuccessStatusCode();
        var conversation = await console.Conversations.WaitAsync(c => c.ContactHandle == psid);
        await op.ReplyAsync(conversation.Id, "It left our warehouse today.");
        await hub.Graph.WaitAsync(c => c.Body.Contains(psid) && c.Body.Contains("warehouse"));
        return (op, console, conversation.Id);
    }

    private async Task<List<CsatDto>> SurveysAsync(OperatorSession op, long conversationId) =>
        (await op.Http.GetFromJsonAsync<List<CsatDto>>($"/api/conversations/{conversationId}/csat", TestJson.Options))!;

    [Fact]
    public async Task InsideTheWindow_AskedWithQuickReplies_AndABareScoreIsStoredWithoutReopening()
    {
        var psid = NewPsid();
        var (op, console, id) = await AnsweredConversationAsync("Cora", psid);
        await using var _ = console;

        (await op.Http.PostAsync($"/api/conversations/{id}/close", null)).EnsureSuccessStatusCode();

        var ask = await hub.Graph.WaitAsync(c => c.Body.Contains(psid) && c.Body.Contains("How did we do?"));
        var message = JsonDocument.Parse(ask.Body).RootElement.GetProperty("message");
        Assert.Equal(["1", "2", "3", "4", "5"], message.GetProperty("quick_replies").EnumerateArray().Select(q => q.GetProperty("payload").GetString()));
        Assert.Equal("RESPONSE", JsonDocument.Parse(ask.Body).RootElement.GetProperty("messaging_type").GetString());

        (await hub.PostMessengerAsync(Text(psid, "4"))).EnsureSuccessStatusCode();

        var survey = Assert.Single(await SurveysAsync(op, id));
        Assert.Equal(4, survey.Score);
        Assert.Equal(CsatDelivery.Message, survey.Delivery);
        Assert.Equal(op.Operator.Id, survey.OperatorId);
        Assert.Equal(ChannelKind.Messenger, survey.Channel);
        await using var scope = hub.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(ConversationState.Closed, conversation.State);
        Assert.Contains(await db.Messages.AsNoTracking().Where(m => m.ConversationId == id).ToListAsync(), m => m.Text == "4" && m.Direction == MessageDirection.Inbound);

        // A later real message is a conversation again, not a rating.
        (await hub.PostMessengerAsync(Text(psid, "5"))).EnsureSuccessStatusCode();
        await console.Conversations.WaitAsync(c => c.Id == id && c.State != ConversationState.Closed);
        Assert.Equal(4, Assert.Single(await SurveysAsync(op, id)).Score);

        var board = (await (await hub.LoginAsync(await hub.CreateOperatorAsync("Sue", Operators.Roles.Supervisor))).Http
            .GetFromJsonAsync<CsatBoard>("/api/csat", TestJson.Options))!;
        Assert.Contains(board.ByChannel, g => g.Key == "Messenger" && g.Ratings >= 1);
        Assert.Contains(board.Recent, r => r.ConversationId == id && r.Score == 4);
    }

    [Fact]
    public async Task OutsideTheWindow_NotAsked_AndTheReasonIsRecorded()
    {
        var psid = NewPsid();
        var (op, console, id) = await AnsweredConversationAsync("Dan", psid);
        await using var _ = console;
        await hub.SetLastInboundAsync(id, DateTime.UtcNow.AddDays(-2));

        (await op.Http.PostAsync($"/api/conversations/{id}/close", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => SurveysAsync(op, id).GetAwaiter().GetResult().Count == 1, "the survey is recorded");
        var survey = Assert.Single(await SurveysAsync(op, id));
        Assert.Equal(CsatDelivery.NotSent, survey.Delivery);
        Assert.Contains("window is closed", survey.Note);
        Assert.DoesNotContain(hub.Graph.Calls, c => c.Body.Contains(psid) && c.Body.Contains("How did we do?"));

        // A "5" now is an ordinary message: it reopens the conversation for a human.
        (await hub.PostMessengerAsync(Text(psid, "5"))).EnsureSuccessStatusCode();
        await console.Conversations.WaitAsync(c => c.Id == id && c.State != ConversationState.Closed);
        Assert.Null(Assert.Single(await SurveysAsync(op, id)).Score);
    }

    [Fact]
    public async Task Telegram_AskedWithAOneTimeKeyboard_AndTheButtonsTextIsTheRating()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Tia"));
        await using var console = await op.ConnectConsoleAsync();
        var (body, _, chat) = TelegramEndToEndTests.Update("text.json");
        (await hub.PostTelegramAsync(body)).EnsureSuccessStatusCode();
        var live = await console.Conversations.WaitAsync(c => c.ContactHandle == chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await op.ReplyAsync(live.Id, "Yes, 10:00 to 16:00.");
        (await op.Http.PostAsync($"/api/conversations/{live.Id}/close", null)).EnsureSuccessStatusCode();

        var ask = await hub.Telegram.WaitAsync(c => c.Path.EndsWith("/sendMessage", StringComparison.Ordinal) && c.Body.Contains(chat.ToString(System.Globalization.CultureInfo.InvariantCulture)) && c.Body.Contains("How did we do?"));
        var markup = JsonDocument.Parse(ask.Body).RootElement.GetProperty("reply_markup");
        Assert.True(markup.GetProperty("one_time_keyboard").GetBoolean());
        Assert.Equal(["1", "2", "3", "4", "5"], markup.GetProperty("keyboard").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(b => b.GetProperty("text").GetString()));

        var (answer, _, otherChat) = TelegramEndToEndTests.Update("text.json");
        answer = answer.Replace(otherChat.ToString(System.Globalization.CultureInfo.InvariantCulture), chat.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var original = JsonDocument.Parse(answer).RootElement.GetProperty("message").GetProperty("text").GetString()!;
        (await hub.PostTelegramAsync(answer.Replace(original, "5", StringComparison.Ordinal))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => SurveysAsync(op, live.Id).GetAwaiter().GetResult().SingleOrDefault()?.Score == 5, "the rating is stored");
    }
}
