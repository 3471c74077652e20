using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// One batch of a sweep: reads what is due, decides per clock (<see cref="SlaClock.DueAt"/>), claims the whole batch in
/// one transaction in the write turn — one statement for its at-risk alerts, one for its breaches — and hands back the
/// step that publishes them after the commit; when the batch collides with another sweep it is redone one by one.
/// </summary>
internal sealed class SlaSweepBatch(IServiceScopeFactory scopes, TimeProvider time, SlaAlerts alerts, WriteTurns turns, ILogger logger)
{
    /// <summary>No pushes left to make (nothing raised, or the fallback made them already).</summary>
    private static readonly Func<CancellationToken, Task> Nothing = _ => Task.CompletedTask;

    /// <returns>What was claimed and committed, and the step that pushes it — the caller runs it while the next batch is
    /// claimed (the pushes wait for nothing in the database).</returns>
    public async Task<(int AtRisk, int Breaches, int Seen, Func<CancellationToken, Task> Publish)> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var now = StoredTime.WholeMicroseconds(time.GetUtcNow().UtcDateTime);
        var due = await db.Conversations.AsNoTracking()
            .Where(c => c.SlaNextCheckAt != null && c.SlaNextCheckAt <= now)
            .OrderBy(c => c.SlaNextCheckAt)
            .Take(batchSize)
            .Select(c => new { Conversation = c, Name = c.Contact!.DisplayName })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return (0, 0, 0, Nothing);

        var names = due.ToDictionary(r => r.Conversation.Id, r => r.Name);
        var decided = due.Select(r => r.Conversation).ToLookup(c => SlaClock.DueAt(c, now));
        List<Conversation> atRisk;
        List<(Conversation Conversation, Breach Breach)> breaches;
        try
        {
            // In line with the other writers for SQLite's write lock: left to its busy handler, the batch lost the
            // lock for seconds to a steady stream of small transactions (docs/performance.md, "Session 11").
            using var turn = await turns.TakeAsync(routingUnchanged: true);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var stale in decided[SlaDue.Nothing])
            {
                // Nothing left to raise (a stale check time): move the check on so it is not read again.
                var next = SlaClock.NextCheckWhenNothingDue(stale);
                await db.Conversations.Where(c => c.Id == stale.Id && c.SlaNextCheckAt == stale.SlaNextCheckAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaNextCheckAt, next), cancellationToken);
            }
            atRisk = await SlaAlerts.ClaimAtRiskAsync(db, [.. decided[SlaDue.AtRisk].Select(c => c.Id)], now, cancellationToken);
            breaches = await alerts.ClaimBreachesAsync(db, [.. decided[SlaDue.Breach].Select(c => c.Id)], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another process stored one of these breaches first (unique per clock): redo this batch one by one.
            var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
            logger.LogInformation(ex, "SLA batch collided with another sweep; raising one by one");
            db.ChangeTracker.Clear();
            var ids = due.Select(r => r.Conversation.Id).ToList();
            var fresh = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SlaNextCheckAt).ToListAsync(cancellationToken);
            var (a, b) = await SweepOneByOneAsync(db, publisher, fresh, now, cancellationToken);
            return (a, b, due.Count, Nothing);
        }
        db.ChangeTracker.Clear();

        alerts.LogRaised([.. breaches.Select(b => b.Breach)]);
        async Task PublishAsync(CancellationToken token)
        {
            await using var pushes = scopes.CreateAsyncScope();
            var publisher = pushes.ServiceProvider.GetRequiredService<IPublisher>();
            foreach (var conversation in atRisk)
                await alerts.PublishAtRiskAsync(publisher, conversation, names[conversation.Id], now, token);
            foreach (var (conversation, breach) in breaches)
                await alerts.PublishBreachAsync(publisher, conversation, names[conversation.Id], breach, now, token);
        }
        return (atRisk.Count, breaches.Count, due.Count, atRisk.Count + breaches.Count == 0 ? Nothing : PublishAsync);
    }

    private async Task<(int AtRisk, int Breaches)> SweepOneByOneAsync(
        OmnichannelDb db, IPublisher publisher, List<Conversation> due, DateTime now, CancellationToken cancellationToken)
    {
        int atRisk = 0, breaches = 0;
        foreach (var conversation in due)
        {
            var decision = SlaClock.DueAt(conversation, now);
            if (decision == SlaDue.Breach)
            {
                if (await alerts.RaiseBreachAsync(db, publisher, conversation, now, cancellationToken))
                    breaches++;
            }
            else if (decision == SlaDue.AtRisk)
            {
                if (await alerts.RaiseAtRiskAsync(db, publisher, conversation, now, cancellationToken))
                    atRisk++;
            }
        }
        return (atRisk, breaches);
    }
}
