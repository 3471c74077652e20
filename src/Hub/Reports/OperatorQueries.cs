using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Per operator: conversations, first responses, CSAT, breaches (grouped counts), handle time (accepted → closed, mean of
/// the fact written at the close, credited to the holder) and occupancy: the time holding at least one web chat (the union of accepted → closed spans) over the time online
/// (<see cref="PresenceSpell"/>s), both clipped to the range and to now. All summed in the database.
/// </summary>
public sealed class OperatorQueries(OmnichannelDb db, ReportScope scope, TimeProvider time)
{
    public async Task<OperatorReport> OperatorsAsync(ReportFilter f, CancellationToken cancellationToken)
    {
        // Conversations and mean handle time (a fact written at the close) per holder: one covering range scan.
        var conversations = await scope.Conversations(f).Where(c => c.AssignedOperatorId != null)
            .GroupBy(c => c.AssignedOperatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count(), Handle = g.Average(c => c.HandleSeconds) })
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var responses = await scope.Measurements(f).Where(m => m.Kind == SlaKind.FirstResponse && m.OperatorId != null)
            .GroupBy(m => m.OperatorId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Mean = g.Average(m => m.ResponseSeconds), Met = g.Count(m => m.Met) })
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var ratings = await scope.Ratings(f).Where(s => s.OperatorId != null).GroupBy(s => s.OperatorId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Mean = g.Average(s => (double)s.Score!.Value) }).ToDictionaryAsync(g => g.Id, cancellationToken);
        var breaches = await scope.Breaches(f).Where(b => b.OperatorId != null)
            .GroupBy(b => b.OperatorId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        // The read-only analytics role answers nobody: not a row of the per-operator report.
        var operators = db.Operators.AsNoTracking().Where(o => o.Role != Operators.Roles.Analyst && (f.OperatorId == null || o.Id == f.OperatorId));
        if (f.TeamId is { } team)
            operators = operators.Where(o => db.TeamMembers.Any(m => m.TeamId == team && m.OperatorId == o.Id));
        var rows = await operators.OrderBy(o => o.DisplayName).Select(o => new { o.Id, o.DisplayName }).ToListAsync(cancellationToken);
        var end = new[] { f.To, time.GetUtcNow().UtcDateTime }.Min();
        var sql = new OccupancySql(db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true);
        // Occupancy is about live chat and the whole range: other channels and a page group have none.
        var occupancy = f.Channel is null or Adapters.Abstractions.ChannelKind.WebChat && f.PageGroup is null && end > f.From;
        var online = occupancy ? await PerOperatorAsync(sql.Online(f.From, end), cancellationToken) : [];
        var busy = occupancy ? await PerOperatorAsync(sql.Busy(f.From, end), cancellationToken) : [];
        return new OperatorReport([.. rows.Select(o =>
        {
            double? onlineSeconds = online.TryGetValue(o.Id, out var on) ? Math.Round(on, 1) : occupancy ? 0 : null;
            double? busySeconds = busy.TryGetValue(o.Id, out var b) ? Math.Round(b, 1) : occupancy ? 0 : null;
            return new OperatorRow(o.Id, o.DisplayName, conversations.TryGetValue(o.Id, out var c) ? c.Count : 0,
                responses.TryGetValue(o.Id, out var r) ? r.Count : 0, r is null ? null : Math.Round(r.Mean, 1), r?.Met ?? 0,
                ratings.TryGetValue(o.Id, out var s) ? s.Count : 0, s is null ? null : Math.Round(s.Mean, 2),
                breaches.GetValueOrDefault(o.Id),
                c?.Handle is { } h ? Math.Round(h, 1) : null,
                onlineSeconds, busySeconds, onlineSeconds > 0 ? Math.Round(busySeconds!.Value / onlineSeconds.Value, 4) : null);
        })]);
    }

    private async Task<Dictionary<long, double>> PerOperatorAsync(FormattableString sql, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<OperatorSeconds>(sql).ToListAsync(cancellationToken))
        .Where(r => r.Seconds is not null).ToDictionary(r => r.OperatorId, r => r.Seconds!.Value);
}

public sealed class OperatorSeconds
{
    public long OperatorId { get; set; }
    public double? Seconds { get; set; }
}
