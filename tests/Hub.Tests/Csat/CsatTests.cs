using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Csat;

public sealed class CsatRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("4", 4)]
    [InlineData(" 5 ", 5)]
    [InlineData("3/5", 3)]
    [InlineData("1!", 1)]
    [InlineData("⭐⭐⭐⭐", 4)]
    [InlineData("6", null)]
    [InlineData("0", null)]
    [InlineData("4 stars but slow", null)]
    [InlineData("", null)]
    public void ParseScore(string text, int? score) => Assert.Equal(score, CsatRules.ParseScore(text));

    [Theory]
    [InlineData(ChannelKind.WebChat, 100, CsatDelivery.Widget)]
    [InlineData(ChannelKind.Email, 100, CsatDelivery.EmailLinks)]
    [InlineData(ChannelKind.WhatsApp, 1, CsatDelivery.Message)]
    [InlineData(ChannelKind.WhatsApp, 25, CsatDelivery.NotSent)]
    [InlineData(ChannelKind.Messenger, 23, CsatDelivery.Message)]
    [InlineData(ChannelKind.Messenger, 30, CsatDelivery.NotSent)]
    [InlineData(ChannelKind.Telegram, 500, CsatDelivery.Message)]
    [InlineData(ChannelKind.Sms, 500, CsatDelivery.Message)]
    public void Plan_AsksOnMessagingChannelsOnlyWhileTheWindowIsOpen(ChannelKind channel, int hoursSinceCustomerWrote, CsatDelivery delivery) =>
        Assert.Equal(delivery, CsatRules.Plan(channel, Now.AddHours(-hoursSinceCustomerWrote), Now).Delivery);

    [Fact]
    public void QuickReplies_WhereTheChannelHasThem()
    {
        Assert.Equal(["1", "2", "3", "4", "5"], CsatRules.QuickReplies(ChannelKind.Telegram));
        Assert.Equal(5, CsatRules.QuickReplies(ChannelKind.Messenger).Count);
        Assert.Empty(CsatRules.QuickReplies(ChannelKind.WhatsApp));
        Assert.Empty(CsatRules.QuickReplies(ChannelKind.Sms));
    }
}

/// <summary>Email: the survey is a line with one link per score; following a link stores the rating.</summary>
public sealed class CsatEmailLinkTests : IAsyncLifetime
{
    private readonly HubFactory hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task ClosingAnEmailConversation_AddsRatingLinks_AndALinkStoresTheScoreAndAComment()
    {
        var op = await hub.LoginAsync(await hub.CreateOperatorAsync("Eve"));
        long conversationId;
        await using (var scope = hub.Provider.CreateAsyncScope())
        {
            var sink = scope.ServiceProvider.GetRequiredService<IInboundSink>();
            conversationId = (await sink.ReceiveAsync(new InboundMessage(ChannelKind.Email, "kari@example.com", "<m1@example.com>", "Where is my order?", DateTime.UtcNow), CancellationToken.None)).ConversationId;
        }
        await op.ReplyAsync(conversationId, "It ships tomorrow.");
        (await op.Http.PostAsync($"/api/conversations/{conversationId}/close", null)).EnsureSuccessStatusCode();

        var ask = (await op.MessagesAsync(conversationId)).Last();
        Assert.StartsWith("How did we do? Rate this conversation:", ask.Text);
        var link = Regex.Match(ask.Text, @"^4 .*?(http\S+/csat/[0-9a-f]+/4)$", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEmpty(link);

        // Issue 16: a link scanner's GET records nothing; the page asks for one click (a POST).
        var confirm = await hub.Http().GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("method=\"post\"", await confirm.Content.ReadAsStringAsync());
        Assert.Null(Assert.Single((await op.Http.GetFromJsonAsync<List<CsatDto>>($"/api/conversations/{conversationId}/csat", TestJson.Options))!).Score);
        var page = await hub.Http().PostAsync(new Uri(link).PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("you rated us 4 of 5", await page.Content.ReadAsStringAsync());
        var token = new Uri(link).Segments[^2].TrimEnd('/');
        (await hub.Http().PostAsync($"/csat/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["comment"] = "Clear answer" }))).EnsureSuccessStatusCode();

        var survey = Assert.Single((await op.Http.GetFromJsonAsync<List<CsatDto>>($"/api/conversations/{conversationId}/csat", TestJson.Options))!);
        Assert.Equal((4, "Clear answer", CsatDelivery.EmailLinks, op.Operator.Id), (survey.Score, survey.Comment, survey.Delivery, survey.OperatorId));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Http().GetAsync("/csat/not-a-token/5")).StatusCode);
    }
}
