using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Every figure is counted in the database from stored facts. Time buckets are grouped there by UTC hour
/// (<see cref="ReportSql.Hour"/>) and folded
/// into the shop's time zone here (at most one row per hour of the range), so daylight saving time is right.
/// </summary>
public sealed class ReportQueries(OmnichannelDb db, ReportScope scope, OpeningHours hours)
{
    private TimeZoneInfo Zone => hours.Zone;

    public async Task<VolumeReport> VolumeAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var conversations = scope.Conversations(f);
        var perHour = await conversations
            .GroupBy(c => new { c.Channel, Hour = ReportSql.Hour(c.CreatedAt) })
            .Select(g => new { g.Key.Channel, g.Key.Hour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var cells = perHour
            .Select(r => (r.Channel, Local: Local(ReportSql.ParseHour(r.Hour)), r.Count))
            .GroupBy(r => (r.Channel, r.Local.DayOfWeek, r.Local.Hour))
            .Select(g => new VolumeCell(g.Key.Channel, g.Key.DayOfWeek, g.Key.Hour, g.Sum(r => r.Count)))
            .OrderBy(c => c.Channel).ThenBy(c => c.Day).ThenBy(c => c.Hour).ToList();
        var total = cells.Sum(c => c.Conversations);
        // Returning: the contact had a conversation before this one (one probe of the (ContactId, CreatedAt) index each).
        var returning = await conversations.CountAsync(c => db.Conversations.Any(o => o.ContactId == c.ContactId && o.CreatedAt < c.CreatedAt), cancellationToken);
        return new VolumeReport(total, total - returning, returning, cells);
    }

    public async Task<ResponseReport> ResponseTimesAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var first = scope.Measurements(f).Where(m => m.Kind == SlaKind.FirstResponse).Select(m => new Timed { Channel = m.Channel, Seconds = m.ResponseSeconds });
        var channels = await Distributions.PerChannelAsync(first, cancellationToken);
        return new ResponseReport([.. channels.Select(d => new ResponseTimes(d.Channel, d.Count, d.P50, d.P90, d.P99, d.Histogram))]);
    }

    /// <summary>Opened → closed of the conversations opened in the range and closed since (a reopened one counts once closed again).</summary>
    public async Task<ResolutionReport> ResolutionTimesAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var resolved = scope.Conversations(f).Where(c => c.ResolutionSeconds != null).Select(c => new Timed { Channel = c.Channel, Seconds = c.ResolutionSeconds!.Value });
        var channels = await Distributions.PerChannelAsync(resolved, cancellationToken);
        return new ResolutionReport([.. channels.Select(d => new ResolutionTimes(d.Channel, d.Count, d.P50, d.P90, d.P99, d.Histogram))]);
    }

    public async Task<AttainmentReport> AttainmentAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var perHour = await scope.Measurements(f)
            .GroupBy(m => new { m.Channel, Hour = ReportSql.Hour(m.StartedAt) })
            .Select(g => new { g.Key.Channel, g.Key.Hour, Measured = g.Count(), Met = g.Count(m => m.Met) })
            .ToListAsync(cancellationToken);
        var days = perHour
            .GroupBy(r => (r.Channel, Date: DateOnly.FromDateTime(Local(ReportSql.ParseHour(r.Hour)))))
            .Select(g => new AttainmentDay(g.Key.Date, g.Key.Channel, g.Sum(r => r.Measured), g.Sum(r => r.Met), ReportMath.Ratio(g.Sum(r => r.Met), g.Sum(r => r.Measured))))
            .OrderBy(d => d.Date).ThenBy(d => d.Channel).ToList();
        var measured = days.Sum(d => d.Measured);
        var met = days.Sum(d => d.Met);
        return new AttainmentReport(measured, met, measured == 0 ? null : ReportMath.Ratio(met, measured), days);
    }

    public async Task<BreachReport> BreachesAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        var rows = await scope.Breaches(f)
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
        // Only web chat is gated, and no operator or team is involved: those filters see no turned-away demand.
        if (f.Channel is not (null or ChannelKind.WebChat) || f.OperatorId is not null || f.TeamId is not null)
            return new TurnedAwayReport(0, 0, []);
        var turnedAway = db.Set<TurnedAway>().AsNoTracking().Where(t => t.At >= f.From && t.At < f.To);
        if (f.PageGroup is { } glob)
        {
            var pattern = ReportScope.LikePattern(glob);
            turnedAway = turnedAway.Where(t => EF.Functions.Like(t.Path!.ToLower(), pattern, "\\"));
        }
        var perHour = await turnedAway
            .GroupBy(t => new { t.Kind, Hour = ReportSql.Hour(t.At) })
            .Select(g => new { g.Key.Kind, g.Key.Hour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var days = perHour
            .GroupBy(r => DateOnly.FromDateTime(Local(ReportSql.ParseHour(r.Hour))))
            .Select(g => new TurnedAwayDay(g.Key, g.Where(r => r.Kind == TurnedAwayKind.PageViewBusy).Sum(r => r.Count), g.Where(r => r.Kind == TurnedAwayKind.ChatRefused).Sum(r => r.Count)))
            .OrderBy(d => d.Date).ToList();
        return new TurnedAwayReport(days.Sum(d => d.PageViewsBusy), days.Sum(d => d.ChatsRefused), days);
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
