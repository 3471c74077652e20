using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Proactive greetings per rule and its page group (the rule's page glob): distinct visitors greeted, accepted and
/// converted in the range, counted in the database. Greetings are web chat and no operator's or team's: those filters
/// (and another channel) see none; a page group filter keeps the rules of exactly that page group.
/// </summary>
public sealed class EngagementQueries(OmnichannelDb db)
{
    public async Task<EngagementReport> EngagementAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        if (f.Channel is not (null or ChannelKind.WebChat) || f.OperatorId is not null || f.TeamId is not null)
            return new EngagementReport(0, 0, 0, []);
        var rules = db.EngagementRules.AsNoTracking();
        if (f.PageGroup is { } glob)
            rules = rules.Where(r => r.Pages == glob);
        var ruleRows = await rules.OrderBy(r => r.Id).Select(r => new { r.Id, r.Name, r.Pages }).ToListAsync(cancellationToken);
        var ids = ruleRows.Select(r => r.Id).ToList();
        EngagementEventKind[] kinds = [EngagementEventKind.Greeted, EngagementEventKind.Accepted, EngagementEventKind.Converted];
        var counts = await db.EngagementEvents.AsNoTracking()
            .Where(e => e.At >= f.From && e.At < f.To && ids.Contains(e.RuleId) && kinds.Contains(e.Kind))
            .GroupBy(e => new { e.RuleId, e.Kind })
            .Select(g => new { g.Key.RuleId, g.Key.Kind, Visitors = g.Select(e => e.VisitorId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        int Count(long rule, EngagementEventKind kind) => counts.FirstOrDefault(c => c.RuleId == rule && c.Kind == kind)?.Visitors ?? 0;
        var rows = ruleRows.Select(r =>
        {
            var (shown, accepted, converted) = (Count(r.Id, EngagementEventKind.Greeted), Count(r.Id, EngagementEventKind.Accepted), Count(r.Id, EngagementEventKind.Converted));
            return new EngagementRow(r.Id, r.Name, r.Pages, shown, accepted, converted,
                shown == 0 ? null : ReportMath.Ratio(accepted, shown), shown == 0 ? null : ReportMath.Ratio(converted, shown));
        }).ToList();
        return new EngagementReport(rows.Sum(r => r.Shown), rows.Sum(r => r.Accepted), rows.Sum(r => r.Converted), rows);
    }
}
