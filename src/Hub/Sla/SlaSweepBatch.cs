using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// One batch of a sweep: reads what is due, decides per clock (<see cref="SlaClock.DueAt"/>), claims the whole batch in
/// one transaction in the write turn — one statement for its at-risk alerts, one for its breaches — and hands back the
/// step that publishes them after the commit; when the batch collides with another sweep it is redone one by one.
/// On PostgreSQL the batch first locks its rows in key order, skipping any another transaction holds, so it never waits
/// while holding locks and cannot deadlock with the inbound writer, which updates the same conversations; a skipped
/// clock is raised right after the commit on its own, waiting for its one row. SQLite's write turn keeps them apart.
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
        List<Conversation> atRisk;
        List<(Conversation Conversation, Breach Breach)> breaches;
        HashSet<long> locked;
        try
        {
            // In line with the other writers for SQLite's write lock: left to its busy handler, the batch lost the
            // lock for seconds to a steady stream of small transactions (docs/performance.md, "Session 11").
            using var turn = await turns.TakeAsync("sla-sweep", routingUnchanged: true);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            locked = await ConversationLocks.TakeFreeAsync(db, [.. names.Keys], cancellationToken);
            var decided = due.Select(r => r.Conversation).Where(c => locked.Contains(c.Id)).ToLookup(c => SlaClock.DueAt(c, now));
            foreach (var stale in decided[SlaDue.Nothing])
                await MoveCheckOnAsync(db, stale, cancellationToken);
            atRisk = await SlaAlerts.ClaimAtRiskAsync(db, [.. decided[SlaDue.AtRisk].Select(c => c.Id)], now, cancellationToken);
            breaches = await alerts.ClaimBreachesAsync(db, [.. decided[SlaDue.Breach].Select(c => c.Id)], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another process stored one of these breaches first (unique per clock): redo this batch one by one.
            logger.LogInformation(ex, "SLA batch collided with another sweep; raising one by one");
            db.ChangeTracker.Clear();
            var (a, b) = await SweepOneByOneAsync(scope, db, [.. names.Keys], now, cancellationToken);
            return (a, b, due.Count, Nothing);
        }
        db.ChangeTracker.Clear();
        // The rows another transaction held (the inbound writer's, on PostgreSQL): one at a time now, each waiting for
        // its own row only — holding no other lock, it cannot be part of a deadlock.
        var (heldAtRisk, heldBreaches) = locked.Count == due.Count ? (0, 0)
            : await SweepOneByOneAsync(scope, db, [.. names.Keys.Where(id => !locked.Contains(id))], now, cancellationToken);

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
        return (atRisk.Count + heldAtRisk, breaches.Count + heldBreaches, due.Count, atRisk.Count + breaches.Count == 0 ? Nothing : PublishAsync);
    }

    /// <summary>Nothing left to raise (a stale check time): the check moves on so it is not read again.</summary>
    private static Task MoveCheckOnAsync(OmnichannelDb db, Conversation stale, CancellationToken cancellationToken)
    {
        var next = SlaClock.NextCheckWhenNothingDue(stale);
        return db.Conversations.Where(c => c.Id == stale.Id && c.SlaNextCheckAt == stale.SlaNextCheckAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaNextCheckAt, next), cancellationToken);
    }

    /// <summary>The clocks of <paramref name="ids"/> as stored now, each raised (or moved on) in a statement or
    /// transaction of its own, its pushes made at once.</summary>
    private async Task<(int AtRisk, int Breaches)> SweepOneByOneAsync(
        AsyncServiceScope scope, OmnichannelDb db, List<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        var due = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SlaNextCheckAt).ToListAsync(cancellationToken);
        int atRisk = 0, breaches = 0;
        foreach (var conversation in due)
        {
            switch (SlaClock.DueAt(conversation, now))
            {
                case SlaDue.Breach when await alerts.RaiseBreachAsync(db, publisher, conversation, now, cancellationToken):
                    breaches++;
                    break;
                case SlaDue.AtRisk when await alerts.RaiseAtRiskAsync(db, publisher, conversation, now, cancellationToken):
                    atRisk++;
                    break;
                case SlaDue.Nothing when conversation.SlaNextCheckAt <= now:
                    await MoveCheckOnAsync(db, conversation, cancellationToken);
                    break;
            }
        }
        return (atRisk, breaches);
    }
}
