using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Routing.Rules;

/// <summary>
/// The enabled routing rules and team names, cached briefly so a new conversation costs no query; the admin API
/// invalidates the cache on every change, so edits take effect for the next conversation without a restart.
/// </summary>
public sealed class RoutingRuleCatalog(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private (DateTime At, IReadOnlyList<RoutingRule> Rules, IReadOnlyDictionary<long, string> Teams)? cached;

    public void Invalidate() => cached = null;

    public async Task<(IReadOnlyList<RoutingRule> Rules, IReadOnlyDictionary<long, string> Teams)> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cached is { } c && now - c.At < Ttl && now >= c.At)
            return (c.Rules, c.Teams);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        cached = (now, rules, teams);
        return (rules, teams);
    }
}
