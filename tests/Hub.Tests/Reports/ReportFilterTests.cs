using System.Net.Http.Json;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Targeting;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>Resolution times, occupancy, engagement and the team and page group filters against counts made here.</summary>
public sealed class ReportFilterTests(ReportHub fixture) : IClassFixture<ReportHub>
{
    private static readonly DateTime From = SeededHistory.Start.AddDays(7), To = SeededHistory.End;
    private static string Range => $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
    private SeededHistory History => fixture.History;

    private async Task<T> GetAsync<T>(string path) => (await fixture.Supervisor.GetFromJsonAsync<T>(path, TestJson.Options))!;

    private static bool InRange(DateTime at) => at >= From && at < To;

    private bool InTeam(Conversation c) => c.RequiredTeamId == History.TeamId || c.AssignedOperatorId == History.OperatorIds[1];

    private string? PageOf(Conversation c) => History.PageViews.Where(v => v.VisitorId == c.ContactHandle && v.At <= c.CreatedAt).MaxBy(v => v.Id)?.Path;

    [Fact]
    public async Task ResolutionTimes_AreNearestRankPercentilesAndAHistogramPerChannel()
    {
        var report = await GetAsync<ResolutionReport>($"/api/reports/resolution-times?{Range}");
        var resolved = History.Conversations.Where(c => InRange(c.CreatedAt)).ToList();
        Assert.Equal(resolved.Select(c => c.Channel).Distinct().Order(), report.Channels.Select(c => c.Channel));
        foreach (var channel in report.Channels)
        {
            var sorted = resolved.Where(c => c.Channel == channel.Channel).Select(c => Math.Round((c.ClosedAt!.Value - c.CreatedAt).TotalSeconds, 3)).Order().ToList();
            double Rank(double q) => sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
            Assert.Equal((sorted.Count, Rank(0.5), Rank(0.9), Rank(0.99)), (channel.Resolved, channel.P50, channel.P90, channel.P99));
            double previous = 0;
            foreach (var bucket in channel.Histogram)
            {
                Assert.Equal(sorted.Count(s => s > previous && (bucket.UpToSeconds is not { } up || s <= up)), bucket.Count);
                previous = bucket.UpToSeconds ?? double.MaxValue;
            }
            Assert.Equal(sorted.Count, channel.Histogram.Sum(b => b.Count));
        }
    }

    [Fact]
    public async Task TeamFilter_CountsConversationsRoutedToTheTeamOrHeldByItsMembers()
    {
        var volume = await GetAsync<VolumeReport>($"/api/reports/volume?{Range}&team={History.TeamId}");
        var expected = History.Conversations.Where(c => InRange(c.CreatedAt) && InTeam(c)).ToList();
        Assert.Equal(expected.Count, volume.Conversations);
        Assert.True(expected.Count(c => c.AssignedOperatorId != History.OperatorIds[1]) > 0, "some conversations count through the routing to the team");
        var attainment = await GetAsync<AttainmentReport>($"/api/reports/attainment?{Range}&team={History.TeamId}");
        var ids = expected.Select(c => c.Id).ToHashSet();
        var measured = History.Measurements.Where(m => InRange(m.StartedAt) && History.Conversations.Any(c => c.Id == m.ConversationId && InTeam(c))).ToList();
        Assert.Equal((measured.Count, measured.Count(m => m.Met)), (attainment.Measured, attainment.Met));
        var operators = await GetAsync<OperatorReport>($"/api/reports/operators?{Range}&team={History.TeamId}");
        Assert.Equal(History.OperatorIds[1], Assert.Single(operators.Operators).OperatorId);
    }

    [Fact]
    public async Task PageGroupFilter_CountsWebChatsStartedOnAMatchingPage_CaseInsensitive()
    {
        var response = await GetAsync<ResponseReport>($"/api/reports/response-times?{Range}&pageGroup=/cart*");
        var onCart = History.Conversations.Where(c => InRange(c.CreatedAt) && c.Channel == ChannelKind.WebChat
            && PageOf(c) is { } page && page.StartsWith("/cart", StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).ToHashSet();
        var first = History.Measurements.Where(m => m.Kind == SlaKind.FirstResponse && InRange(m.StartedAt) && onCart.Contains(m.ConversationId)).ToList();
        Assert.Equal(ChannelKind.WebChat, Assert.Single(response.Channels).Channel);
        Assert.Equal(first.Count, response.Channels[0].Responses);
        Assert.Contains(History.Conversations, c => onCart.Contains(c.Id) && PageOf(c)!.StartsWith("/CART", StringComparison.Ordinal));
        var volume = await GetAsync<VolumeReport>($"/api/reports/volume?{Range}&pageGroup=/cart*");
        Assert.Equal(onCart.Count, volume.Conversations);
        var exact = await GetAsync<VolumeReport>($"/api/reports/volume?{Range}&pageGroup=/cart");
        Assert.Equal(History.Conversations.Count(c => onCart.Contains(c.Id) && PageOf(c)!.Equals("/cart", StringComparison.OrdinalIgnoreCase)), exact.Conversations);
    }

    [Fact]
    public async Task Occupancy_IsTimeHoldingAWebChatOverTimeOnline_PerOperator()
    {
        var report = await GetAsync<OperatorReport>($"/api/reports/operators?{Range}");
        foreach (var id in History.OperatorIds)
        {
            var row = Assert.Single(report.Operators, o => o.OperatorId == id);
            var online = History.Spells.Where(s => s.OperatorId == id).Sum(s => Clip(s.StartedAt, s.EndedAt!.Value));
            var spans = History.Offers.Where(o => o.OperatorId == id && o.State == OfferState.Accepted)
                .Select(o => (Offer: o, Conversation: History.Conversations.Single(c => c.Id == o.ConversationId)))
                .Where(x => x.Conversation.Channel == ChannelKind.WebChat)
                .Select(x => (Start: x.Offer.AnsweredAt!.Value, End: x.Conversation.ClosedAt!.Value)).OrderBy(x => x.Start).ToList();
            // The union of the spans, by hand.
            double busy = 0;
            DateTime? islandStart = null, islandEnd = null;
            foreach (var (start, end) in spans)
            {
                if (islandEnd is { } e && start <= e)
                    islandEnd = end > e ? end : e;
                else
                {
                    if (islandStart is { } s0)
                        busy += Clip(s0, islandEnd!.Value);
                    (islandStart, islandEnd) = (start, end);
                }
            }
            if (islandStart is { } last)
                busy += Clip(last, islandEnd!.Value);
            Assert.Equal(Math.Round(online, 1), row.OnlineSeconds);
            Assert.Equal(Math.Round(busy, 1), row.BusySeconds!.Value, 1);
            Assert.Equal(Math.Round(busy / online, 4), row.Occupancy!.Value, 4);
            Assert.InRange(row.Occupancy!.Value, 0.0001, 1);
            var handled = History.Offers.Where(o => o.OperatorId == id && o.State == OfferState.Accepted)
                .Select(o => (Offer: o, Conversation: History.Conversations.Single(c => c.Id == o.ConversationId)))
                .Where(x => InRange(x.Conversation.CreatedAt)).Select(x => (x.Conversation.ClosedAt!.Value - x.Offer.AnsweredAt!.Value).TotalSeconds).ToList();
            Assert.Equal(Math.Round(handled.Average(), 1), row.MeanHandleSeconds!.Value, 1);
        }
    }

    private static double Clip(DateTime start, DateTime end)
    {
        var (s, e) = (start < From ? From : start, end > To ? To : end);
        return e > s ? (e - s).TotalSeconds : 0;
    }

    [Fact]
    public async Task Engagement_CountsDistinctVisitorsGreetedAcceptedAndConvertedPerRuleAndPageGroup()
    {
        var report = await GetAsync<EngagementReport>($"/api/reports/engagement?{Range}");
        foreach (var rule in History.Rules)
        {
            var row = Assert.Single(report.Rules, r => r.RuleId == rule.Id);
            int Count(EngagementEventKind kind) => History.Engagement.Where(e => e.RuleId == rule.Id && e.Kind == kind && InRange(e.At)).Select(e => e.VisitorId).Distinct().Count();
            Assert.Equal((rule.Pages, Count(EngagementEventKind.Greeted), Count(EngagementEventKind.Accepted), Count(EngagementEventKind.Converted)),
                (row.PageGroup, row.Shown, row.Accepted, row.Converted));
        }
        var cart = await GetAsync<EngagementReport>($"/api/reports/engagement?{Range}&pageGroup=/cart*");
        Assert.Equal("Cart help", Assert.Single(cart.Rules).Rule);
        Assert.Empty((await GetAsync<EngagementReport>($"/api/reports/engagement?{Range}&channel=Email")).Rules);
    }
}
