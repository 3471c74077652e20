using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Staffing;

/// <summary>Measures a channel's history for <see cref="StaffingAdvisor"/>: arrivals per half hour of the week (web chat: with the visitors the gate refused) and the mean handle time.</summary>
public sealed class StaffingQueries(OmnichannelDb db, OpeningHours hours, Microsoft.Extensions.Options.IOptions<RoutingOptions> routing)
{
    public async Task<StaffingHistory> MeasureAsync(ChannelKind channel, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var opened = db.Conversations.AsNoTracking().Where(c => c.Channel == channel && c.CreatedAt >= from && c.CreatedAt < to);
        var perHalfHour = await opened
            .GroupBy(c => new { c.CreatedAt.Date, c.CreatedAt.Hour, Half = c.CreatedAt.Minute / 30 })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Half, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var arrivals = new Dictionary<(DayOfWeek, int), int>();
        // Demand is every visitor who wanted to chat: the web chats the gate refused (capacity full) count too,
        // or a shop that turns visitors away would be advised it needs no more people.
        if (channel == ChannelKind.WebChat)
            perHalfHour.AddRange(await db.Set<Reports.TurnedAway>().AsNoTracking()
                .Where(t => t.Kind == Reports.TurnedAwayKind.ChatRefused && t.At >= from && t.At < to)
                .GroupBy(t => new { t.At.Date, t.At.Hour, Half = t.At.Minute / 30 })
                .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Half, Count = g.Count() })
                .ToListAsync(cancellationToken));
        foreach (var r in perHalfHour)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.Date.AddHours(r.Hour).AddMinutes(r.Half * 30), DateTimeKind.Utc), hours.Zone);
            var key = (local.DayOfWeek, local.Hour * 2 + local.Minute / 30);
            arrivals[key] = arrivals.GetValueOrDefault(key) + r.Count;
        }
        var handle = await MeanHandleSecondsAsync(channel, from, to, cancellationToken) ?? routing.Value.DefaultHandleTime.TotalSeconds;
        return new StaffingHistory(channel, (to - from).TotalDays / 7, arrivals, handle) { Days = StaffingHistory.CountDays(from, to, hours.Zone) };
    }

    /// <summary>Mean accepted → closed time of the channel's conversations in the range, averaged in the database.</summary>
    private async Task<double?> MeanHandleSecondsAsync(ChannelKind channel, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var name = channel.ToString();
        var sql = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? (FormattableString)$"""SELECT AVG(EXTRACT(EPOCH FROM (c."ClosedAt" - o."AnsweredAt")))::float8 AS "Value" FROM "Conversations" c JOIN "Offers" o ON o."ConversationId" = c."Id" WHERE c."Channel" = {name} AND c."State" = 'Closed' AND o."State" = 'Accepted' AND c."CreatedAt" >= {from} AND c."CreatedAt" < {to}"""
            : $"""SELECT AVG((julianday(c."ClosedAt") - julianday(o."AnsweredAt")) * 86400.0) AS "Value" FROM "Conversations" c JOIN "Offers" o ON o."ConversationId" = c."Id" WHERE c."Channel" = {name} AND c."State" = 'Closed' AND o."State" = 'Accepted' AND c."CreatedAt" >= {from} AND c."CreatedAt" < {to}""";
        return (await db.Database.SqlQuery<double?>(sql).ToListAsync(cancellationToken)).FirstOrDefault();
    }
}
