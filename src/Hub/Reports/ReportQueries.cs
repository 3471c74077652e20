using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Every figure is counted in the database from stored facts. Time buckets are grouped there by UTC hour and folded
/// into the shop's time zone here (at most one row per hour of the range), so daylight saving time is right.
/// </summary>
public sealed class ReportQueries(OmnichannelDb db, OpeningHours hours)
{
    private TimeZoneInfo Zone => hours.Zone;

    public async Task<VolumeReport> VolumeAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var conversations = Conversations(f);
        var perHour = await conversations
            .GroupBy(c => new { c.Channel, c.CreatedAt.Date, c.CreatedAt.Hour })
            .Select(g => new { g.Key.Channel, g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var cells = perHour
            .Select(r => (r.Channel, Local: Local(r.Date.AddHours(r.Hour)), r.Count))
            .GroupBy(r => (r.Channel, r.Local.DayOfWeek, r.Local.Hour))
            .Select(g => new VolumeCell(g.Key.Channel, g.Key.DayOfWeek, g.Key.Hour, g.Sum(r => r.Count)))
            .OrderBy(c => c.Channel).ThenBy(c => c.Day).ThenBy(c => c.Hour).ToList();
        var total = cells.Sum(c => c.Conversations);
        // Returning: the contact had a conversation before this one (one aggregate pass, not a lookup per conversation).
        var firsts = db.Conversations.GroupBy(c => c.ContactId).Select(g => new { ContactId = g.Key, First = g.Min(c => c.CreatedAt) });
        var returning = await conversations.Join(firsts, c => c.ContactId, f => f.ContactId, (c, f) => new { c.CreatedAt, f.First })
            .CountAsync(x => x.CreatedAt > x.First, cancellationToken);
        return new VolumeReport(total, total - returning, returning, cells);
    }

    public async Task<ResponseReport> ResponseTimesAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var first = Measurements(f).Where(m => m.Kind == SlaKind.FirstResponse);
        var counts = await first.GroupBy(m => m.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var buckets = await first
            .GroupBy(m => new
            {
                m.Channel,
                Bucket = m.ResponseSeconds <= 10 ? 0 : m.ResponseSeconds <= 20 ? 1 : m.ResponseSeconds <= 30 ? 2 : m.ResponseSeconds <= 60 ? 3
                    : m.ResponseSeconds <= 300 ? 4 : m.ResponseSeconds <= 900 ? 5 : m.ResponseSeconds <= 3600 ? 6 : m.ResponseSeconds <= 14400 ? 7
                    : m.ResponseSeconds <= 86400 ? 8 : 9,
            })
            .Select(g => new { g.Key.Channel, g.Key.Bucket, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var result = new List<ResponseTimes>();
        foreach (var c in counts.OrderBy(c => c.Channel))
        {
            var ordered = first.Where(m => m.Channel == c.Channel).OrderBy(m => m.ResponseSeconds).Select(m => m.ResponseSeconds);
            async Task<double> Percentile(double q) => await ordered.Skip(ReportMath.NearestRank(q, c.Count) - 1).FirstAsync(cancellationToken);
            result.Add(new ResponseTimes(c.Channel, c.Count, await Percentile(0.5), await Percentile(0.9), await Percentile(0.99),
                [.. ReportMath.Histogram.Select((edge, i) => new HistogramBucket(edge.Label, edge.UpTo,
                    buckets.Where(b => b.Channel == c.Channel && b.Bucket == i).Sum(b => b.Count)))]));
        }
        return new ResponseReport(result);
    }

    public async Task<AttainmentReport> AttainmentAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var perHour = await Measurements(f)
            .GroupBy(m => new { m.Channel, m.StartedAt.Date, m.StartedAt.Hour })
            .Select(g => new { g.Key.Channel, g.Key.Date, g.Key.Hour, Measured = g.Count(), Met = g.Count(m => m.Met) })
            .ToListAsync(cancellationToken);
        var days = perHour
            .GroupBy(r => (r.Channel, Date: DateOnly.FromDateTime(Local(r.Date.AddHours(r.Hour)))))
            .Select(g => new AttainmentDay(g.Key.Date, g.Key.Channel, g.Sum(r => r.Measured), g.Sum(r => r.Met), ReportMath.Ratio(g.Sum(r => r.Met), g.Sum(r => r.Measured))))
            .OrderBy(d => d.Date).ThenBy(d => d.Channel).ToList();
        var measured = days.Sum(d => d.Measured);
        var met = days.Sum(d => d.Met);
        return new AttainmentReport(measured, met, measured == 0 ? null : ReportMath.Ratio(met, measured), days);
    }

    public async Task<BreachReport> BreachesAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var breaches = db.Breaches.AsNoTracking().Where(b => b.StartedAt >= f.From && b.StartedAt < f.To);
        if (f.Channel is { } channel)
            breaches = breaches.Where(b => b.Channel == channel);
        if (f.OperatorId is { } op)
            breaches = breaches.Where(b => b.OperatorId == op);
        var rows = await breaches
            .Select(b => new
            {
                b.Channel,
                Reason = b.OperatorId != null ? BreachReason.AnsweredLate
                    : db.Offers.Any(o => o.ConversationId == b.ConversationId && o.OfferedAt >= b.StartedAt && o.OfferedAt < b.DueAt
                        && (o.State == OfferState.Declined || o.State == OfferState.Expired)) ? BreachReason.OfferIgnored
                    : BreachReason.NoFreeOperator,
            })
            .GroupBy(r => new { r.Channel, r.Reason })
            .Select(g => new { g.Key.Channel, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byReason = rows.Select(r => new BreachCount(r.Channel, r.Reason, r.Count)).OrderBy(r => r.Channel).ThenBy(r => r.Reason).ToList();
        return new BreachReport(byReason.Sum(r => r.Breaches), byReason);
    }

    public async Task<TurnedAwayReport> TurnedAwayAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        // Only web chat is gated, and no operator is involved: other filters see no turned-away demand.
        if (f.Channel is not (null or ChannelKind.WebChat) || f.OperatorId is not null)
            return new TurnedAwayReport(0, 0, []);
        var perHour = await db.Set<TurnedAway>().AsNoTracking().Where(t => t.At >= f.From && t.At < f.To)
            .GroupBy(t => new { t.Kind, t.At.Date, t.At.Hour })
            .Select(g => new { g.Key.Kind, g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var days = perHour
            .GroupBy(r => DateOnly.FromDateTime(Local(r.Date.AddHours(r.Hour))))
            .Select(g => new TurnedAwayDay(g.Key, g.Where(r => r.Kind == TurnedAwayKind.PageViewBusy).Sum(r => r.Count), g.Where(r => r.Kind == TurnedAwayKind.ChatRefused).Sum(r => r.Count)))
            .OrderBy(d => d.Date).ToList();
        return new TurnedAwayReport(days.Sum(d => d.PageViewsBusy), days.Sum(d => d.ChatsRefused), days);
    }

    public async Task<OperatorReport> OperatorsAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var conversations = await Conversations(f).Where(c => c.AssignedOperatorId != null)
            .GroupBy(c => c.AssignedOperatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var responses = await Measurements(f).Where(m => m.Kind == SlaKind.FirstResponse && m.OperatorId != null)
            .GroupBy(m => m.OperatorId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Mean = g.Average(m => m.ResponseSeconds), Met = g.Count(m => m.Met) })
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var csat = db.CsatSurveys.AsNoTracking().Where(s => s.Score != null && s.SentAt >= f.From && s.SentAt < f.To && s.OperatorId != null);
        if (f.Channel is { } channel)
            csat = csat.Where(s => s.Channel == channel);
        var ratings = await csat.GroupBy(s => s.OperatorId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Mean = g.Average(s => (double)s.Score!.Value) }).ToDictionaryAsync(g => g.Id, cancellationToken);
        var breaches = await db.Breaches.AsNoTracking().Where(b => b.StartedAt >= f.From && b.StartedAt < f.To && b.OperatorId != null && (f.Channel == null || b.Channel == f.Channel))
            .GroupBy(b => b.OperatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var operators = await db.Operators.AsNoTracking().Where(o => f.OperatorId == null || o.Id == f.OperatorId)
            .OrderBy(o => o.DisplayName).Select(o => new { o.Id, o.DisplayName }).ToListAsync(cancellationToken);
        return new OperatorReport([.. operators.Select(o => new OperatorRow(o.Id, o.DisplayName,
            conversations.GetValueOrDefault(o.Id),
            responses.TryGetValue(o.Id, out var r) ? r.Count : 0, r is null ? null : Math.Round(r.Mean, 1), r?.Met ?? 0,
            ratings.TryGetValue(o.Id, out var s) ? s.Count : 0, s is null ? null : Math.Round(s.Mean, 2),
            breaches.GetValueOrDefault(o.Id)))]);
    }

    private IQueryable<Conversations.Conversation> Conversations(ReportFilter f)
    {
        var q = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= f.From && c.CreatedAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(c => c.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(c => c.AssignedOperatorId == op);
        return q;
    }

    private IQueryable<SlaMeasurement> Measurements(ReportFilter f)
    {
        var q = db.SlaMeasurements.AsNoTracking().Where(m => m.StartedAt >= f.From && m.StartedAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(m => m.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(m => m.OperatorId == op);
        return q;
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
