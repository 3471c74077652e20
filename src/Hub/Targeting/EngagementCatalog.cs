using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Targeting;

/// <summary>
/// The owner's page rules and engagement rules, read from the database and cached briefly; the admin API
/// invalidates the cache on every change, so edits take effect at once without a restart.
/// </summary>
public sealed class EngagementCatalog(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private (DateTime At, IReadOnlyList<PageRule> Pages, IReadOnlyList<EngagementRule> Rules)? cached;

    public void Invalidate() => cached = null;

    public async Task<(IReadOnlyList<PageRule> Pages, IReadOnlyList<EngagementRule> Rules)> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cached is { } c && now - c.At < Ttl && now >= c.At)
            return (c.Pages, c.Rules);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var pages = await db.PageRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var rules = await db.EngagementRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        cached = (now, pages, rules);
        return (pages, rules);
    }
}

/// <summary>Time on page of finished page views (most recent first), for "greet at the 60th percentile".</summary>
public sealed class DwellHistory(IServiceScopeFactory scopes, IOptions<EngagementOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private List<DwellSample>? samples;
    /// <summary>Percentiles already computed since the last new sample (every page load asks for them).</summary>
    private ConcurrentDictionary<(string, int), double?> memo = new();

    public async Task AddAsync(string path, double seconds, DateTime at, CancellationToken cancellationToken)
    {
        if (seconds <= 0 || seconds > 6 * 3600)
            return;
        var sample = new DwellSample { Path = path.Length > 300 ? path[..300] : path, Seconds = seconds, At = at };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            db.DwellSamples.Add(sample);
            await db.SaveChangesAsync(cancellationToken);
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (samples is not null)
            {
                samples.Insert(0, sample);
                if (samples.Count > options.Value.DwellHistorySize)
                    samples.RemoveAt(samples.Count - 1);
            }
            memo = new();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The percentile (seconds) of time on page over the recent samples on the rule's pages; null with too few.</summary>
    public async Task<Func<EngagementRule, RuleCondition, double?>> LookupAsync(CancellationToken cancellationToken)
    {
        var (all, cache) = await SnapshotAsync(cancellationToken);
        return (rule, condition) => condition.Percentile is not { } p ? null
            : cache.GetOrAdd((rule.Pages, p), key => Engagement.Percentile(
                [.. all.Where(s => key.Item1 == SignalsService.SiteGroup ? s.Path == SignalsService.SiteGroup : s.Path != SignalsService.SiteGroup && PageGlob.Matches(key.Item1, s.Path)).Select(s => s.Seconds)],
                key.Item2, options.Value.MinDwellSamples));
    }

    private async Task<(IReadOnlyList<DwellSample>, ConcurrentDictionary<(string, int), double?>)> SnapshotAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (samples is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
                samples = await db.DwellSamples.AsNoTracking().OrderByDescending(s => s.Id).Take(options.Value.DwellHistorySize).ToListAsync(cancellationToken);
            }
            return (samples.ToArray(), memo);
        }
        finally
        {
            gate.Release();
        }
    }
}
