using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Reports;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Reports;

/// <summary>One hub with the seeded history, shared by the report tests (read-only).</summary>
public sealed class ReportHub : IAsyncLifetime
{
    public const string Zone = "Europe/Amsterdam";
    public HubFactory Hub { get; } = new();
    public SeededHistory History { get; private set; } = null!;
    public HttpClient Supervisor { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hub.Settings["OpeningHours:TimeZone"] = Zone;
        History = await SeededHistory.WriteAsync(Hub);
        Supervisor = (await Hub.LoginAsync(await Hub.CreateOperatorAsync("Sue", Roles.Supervisor))).Http;
        Operator = (await Hub.LoginAsync(await Hub.CreateOperatorAsync("Olle"))).Http;
    }

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}

/// <summary>Every report's figures against a count made here from the generated history (4 of its 5 weeks).</summary>
public sealed class ReportTests(ReportHub fixture) : IClassFixture<ReportHub>
{
    private static readonly DateTime From = SeededHistory.Start.AddDays(7), To = SeededHistory.End;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ReportHub.Zone);
    private static string Range => $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
    private SeededHistory History => fixture.History;

    private async Task<T> GetAsync<T>(string path) =>
        (await fixture.Supervisor.GetFromJsonAsync<T>(path, TestJson.Options))!;

    private static bool InRange(DateTime at) => at >= From && at < To;
    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    [Fact]
    public async Task Volume_CountsConversationsPerChannelLocalWeekdayAndHour_AndNewVersusReturning()
    {
        var report = await GetAsync<VolumeReport>($"/api/reports/volume?{Range}");
        var inRange = History.Conversations.Where(c => InRange(c.CreatedAt)).ToList();
        var expected = inRange.GroupBy(c => (c.Channel, Local(c.CreatedAt).DayOfWeek, Local(c.CreatedAt).Hour))
            .Select(g => new VolumeCell(g.Key.Channel, g.Key.DayOfWeek, g.Key.Hour, g.Count()))
            .OrderBy(c => c.Channel).ThenBy(c => c.Day).ThenBy(c => c.Hour).ToList();
        var returning = inRange.Count(c => History.Conversations.Any(o => o.ContactId == c.ContactId && o.CreatedAt < c.CreatedAt));
        Assert.Equal(inRange.Count, report.Conversations);
        Assert.Equal(expected, report.Cells);
        Assert.Equal(returning, report.ReturningContacts);
        Assert.Equal(inRange.Count - returning, report.NewContacts);
        Assert.InRange(returning, 1, inRange.Count - 1);
    }

    [Fact]
    public async Task ResponseTimes_AreNearestRankPercentilesAndAHistogramPerChannel()
    {
        var report = await GetAsync<ResponseReport>($"/api/reports/response-times?{Range}");
        var first = History.Measurements.Where(m => m.Kind == SlaKind.FirstResponse && InRange(m.StartedAt)).ToList();
        Assert.Equal(first.Select(m => m.Channel).Distinct().Order(), report.Channels.Select(c => c.Channel));
        foreach (var channel in report.Channels)
        {
            var sorted = first.Where(m => m.Channel == channel.Channel).Select(m => m.ResponseSeconds).Order().ToList();
            double Rank(double q) => sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
            Assert.Equal(sorted.Count, channel.Responses);
            Assert.Equal((Rank(0.5), Rank(0.9), Rank(0.99)), (channel.P50, channel.P90, channel.P99));
            double? previous = 0;
            foreach (var bucket in channel.Histogram)
            {
                var count = sorted.Count(s => s > previous && (bucket.UpToSeconds is not { } up || s <= up) || previous == 0 && s == 0);
                Assert.Equal(count, bucket.Count);
                previous = bucket.UpToSeconds;
            }
            Assert.Equal(sorted.Count, channel.Histogram.Sum(b => b.Count));
        }
    }

    [Fact]
    public async Task Attainment_IsMetOverMeasuredPerLocalDayAndChannel()
    {
        var report = await GetAsync<AttainmentReport>($"/api/reports/attainment?{Range}");
        var measured = History.Measurements.Where(m => InRange(m.StartedAt)).ToList();
        var expected = measured.GroupBy(m => (Date: DateOnly.FromDateTime(Local(m.StartedAt)), m.Channel))
            .Select(g => new AttainmentDay(g.Key.Date, g.Key.Channel, g.Count(), g.Count(m => m.Met), Math.Round((double)g.Count(m => m.Met) / g.Count(), 4)))
            .OrderBy(d => d.Date).ThenBy(d => d.Channel).ToList();
        Assert.Equal(expected, report.Days);
        Assert.Equal((measured.Count, measured.Count(m => m.Met)), (report.Measured, report.Met));
    }

    [Fact]
    public async Task Breaches_AreCountedWithTheirReason()
    {
        var report = await GetAsync<BreachReport>($"/api/reports/breaches?{Range}");
        var expected = History.Breaches.Where(b => InRange(b.StartedAt))
            .GroupBy(b => (b.Channel, Reason: b.OperatorId is not null ? BreachReason.AnsweredLate
                : History.Offers.Any(o => o.ConversationId == b.ConversationId && o.State == OfferState.Expired) ? BreachReason.OfferIgnored
                : BreachReason.NoFreeOperator))
            .Select(g => new BreachCount(g.Key.Channel, g.Key.Reason, g.Count())).OrderBy(b => b.Channel).ThenBy(b => b.Reason).ToList();
        Assert.Equal(expected, report.ByReason);
        Assert.Equal(3, expected.Select(b => b.Reason).Distinct().Count());
        Assert.Equal(expected.Sum(b => b.Breaches), report.Breaches);
    }

    [Fact]
    public async Task TurnedAwayDemand_IsCountedPerLocalDay()
    {
        var report = await GetAsync<TurnedAwayReport>($"/api/reports/turned-away?{Range}");
        var inRange = History.TurnedAway.Where(t => InRange(t.At)).ToList();
        var expected = inRange.GroupBy(t => DateOnly.FromDateTime(Local(t.At))).OrderBy(g => g.Key)
            .Select(g => new TurnedAwayDay(g.Key, g.Count(t => t.Kind == TurnedAwayKind.PageViewBusy), g.Count(t => t.Kind == TurnedAwayKind.ChatRefused))).ToList();
        Assert.Equal(expected, report.Days);
        Assert.Equal((inRange.Count(t => t.Kind == TurnedAwayKind.PageViewBusy), inRange.Count(t => t.Kind == TurnedAwayKind.ChatRefused)), (report.PageViewsBusy, report.ChatsRefused));
        Assert.Equal(0, (await GetAsync<TurnedAwayReport>($"/api/reports/turned-away?{Range}&channel=Email")).PageViewsBusy);
    }

    [Fact]
    public async Task PerOperator_ConversationsFirstResponsesCsatAndBreaches()
    {
        var report = await GetAsync<OperatorReport>($"/api/reports/operators?{Range}&channel=WebChat");
        foreach (var id in History.OperatorIds)
        {
            var row = Assert.Single(report.Operators, o => o.OperatorId == id);
            var first = History.Measurements.Where(m => m.Kind == SlaKind.FirstResponse && m.Channel == ChannelKind.WebChat && m.OperatorId == id && InRange(m.StartedAt)).ToList();
            var rated = History.Surveys.Where(s => s.OperatorId == id && s.Channel == ChannelKind.WebChat && s.Score is not null && InRange(s.SentAt)).ToList();
            Assert.Equal(History.Conversations.Count(c => c.AssignedOperatorId == id && c.Channel == ChannelKind.WebChat && InRange(c.CreatedAt)), row.Conversations);
            Assert.Equal((first.Count, first.Count(m => m.Met)), (row.FirstResponses, row.FirstResponsesMet));
            Assert.Equal(Math.Round(first.Average(m => m.ResponseSeconds), 1), row.MeanFirstResponseSeconds);
            Assert.Equal(rated.Count, row.CsatRatings);
            Assert.Equal(Math.Round(rated.Average(s => (double)s.Score!.Value), 2), row.CsatAverage);
            Assert.Equal(History.Breaches.Count(b => b.OperatorId == id && b.Channel == ChannelKind.WebChat && InRange(b.StartedAt)), row.Breaches);
        }
    }

    [Fact]
    public async Task ChannelAndOperatorFilters_NarrowEveryFigure()
    {
        var op = History.OperatorIds[1];
        var report = await GetAsync<VolumeReport>($"/api/reports/volume?{Range}&channel=whatsapp&operator={op}");
        Assert.Equal(History.Conversations.Count(c => c.Channel == ChannelKind.WhatsApp && c.AssignedOperatorId == op && InRange(c.CreatedAt)), report.Conversations);
        Assert.All(report.Cells, c => Assert.Equal(ChannelKind.WhatsApp, c.Channel));
    }

    [Fact]
    public async Task Topics_AreFoundInTheFirstCustomerMessagesOfTheFilter()
    {
        var report = await GetAsync<TopicReport>($"/api/reports/topics?{Range}&channel=WebChat");
        var firsts = History.Conversations.Where(c => c.Channel == ChannelKind.WebChat && InRange(c.CreatedAt)).OrderBy(c => c.Id)
            .Select(c => new FirstMessage(c.Id, History.Messages.First(m => m.ConversationId == c.Id).Text,
                History.Measurements.First(m => m.ConversationId == c.Id && m.Kind == SlaKind.FirstResponse).ResponseSeconds,
                History.Surveys.LastOrDefault(s => s.ConversationId == c.Id && s.Score is not null)?.Score)).ToList();
        var expected = Topics.Analyse(firsts);
        Assert.Equal(firsts.Count, report.Messages);
        Assert.Equal(expected.Keywords, report.Keywords);
        Assert.Equal(expected.Questions.Select(q => (q.Question, q.Conversations, q.MeanFirstResponseSeconds, q.CsatAverage)),
            report.Questions.Select(q => (q.Question, q.Conversations, q.MeanFirstResponseSeconds, q.CsatAverage)));
        Assert.Equal(5, report.Questions.Count);
    }

    [Fact]
    public async Task Topics_ReadTheMostRecentConversationsOfTheFilter_APageAtATime()
    {
        // A page of 7 conversations, a limit of 20: three pages, the last one cut short at the limit.
        await using var scope = fixture.Hub.Provider.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<TopicQueries>()
            .TopicsAsync(new ReportFilter(From, To, null, null), CancellationToken.None, limit: 20, pageSize: 7);
        var firsts = History.Conversations.Where(c => InRange(c.CreatedAt)).OrderByDescending(c => c.Id).Take(20).OrderBy(c => c.Id)
            .Select(c => new FirstMessage(c.Id, History.Messages.First(m => m.ConversationId == c.Id).Text,
                History.Measurements.First(m => m.ConversationId == c.Id && m.Kind == SlaKind.FirstResponse).ResponseSeconds,
                History.Surveys.LastOrDefault(s => s.ConversationId == c.Id && s.Score is not null)?.Score)).ToList();
        var expected = Topics.Analyse(firsts);
        Assert.Equal(20, report.Messages);
        Assert.Equal(expected.Keywords, report.Keywords);
        Assert.Equal(expected.Questions.Select(q => (q.Question, q.Conversations, q.MeanFirstResponseSeconds, q.CsatAverage, string.Join('|', q.Examples))),
            report.Questions.Select(q => (q.Question, q.Conversations, q.MeanFirstResponseSeconds, q.CsatAverage, string.Join('|', q.Examples))));
        Assert.NotEmpty(report.Questions);
    }

    [Theory]
    [InlineData("from=2026-11-01&to=2026-10-01", "inverted")]
    [InlineData("from=2024-01-01&to=2026-10-01", "at most 2 years")]
    [InlineData("from=2026-10-01&to=2026-11-01&colour=red", "Unknown filter 'colour'")]
    [InlineData("from=2026-10-01&to=2026-11-01&team=sales", "team must be a team id")]
    [InlineData("from=2026-10-01&to=2026-11-01&team=999999", "Unknown team 999999")]
    [InlineData("from=2026-10-01&to=2026-11-01&pageGroup=cart", "is not a page group")]
    [InlineData("from=2026-10-01&to=2026-11-01&channel=fax", "Unknown channel 'fax'")]
    [InlineData("from=2026-10-01&to=2026-11-01&operator=ada", "operator must be an operator id")]
    [InlineData("to=2026-11-01", "from and to are required")]
    [InlineData("from=yesterday&to=2026-11-01", "from and to are required")]
    public async Task BadInput_IsRefusedWithTheReason(string query, string reason)
    {
        foreach (var report in new[] { "volume", "response-times", "resolution-times", "attainment", "breaches", "turned-away", "operators", "engagement", "topics", "staffing" })
        {
            var response = await fixture.Supervisor.GetAsync($"/api/reports/{report}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Reports_AreForSupervisors()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Operator.GetAsync($"/api/reports/volume?{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Hub.Http().GetAsync($"/api/reports/volume?{Range}")).StatusCode);
    }
}
