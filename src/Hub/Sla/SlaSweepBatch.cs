using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// One batch of a sweep: reads what is due, claims the whole batch in one transaction and publishes the alerts
/// after the commit; when the batch collides with another sweep it is redone one by one.
/// </summary>
internal sealed class SlaSweepBatch(IServiceScopeFactory scopes, TimeProvider time, SlaAlerts alerts, ILogger logger)
{
    public async Task<(int AtRisk, int Breaches, int Seen)> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublisher>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Conversations.AsNoTracking()
            .Where(c => c.SlaNextCheckAt != null && c.SlaNextCheckAt <= now)
            .OrderBy(c => c.SlaNextCheckAt)
            .Take(batchSize)
            .Select(c => new { Conversation = c, Name = c.Contact!.DisplayName })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return (0, 0, 0);

        // The whole batch is claimed in one transaction (one commit, not one per alert); each row still only if unclaimed.
        List<(Conversation Conversation, string Name)> atRisk = [];
        List<(Conversation Conversation, string Name, Breach Breach)> breaches = [];
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in due)
            {
                var conversation = row.Conversation;
                var decision = SlaClock.DueAt(conversation, now);
                if (decision == SlaDue.Breach)
                {
                    if (await alerts.ClaimBreachAsync(db, conversation, now, cancellationToken) is { } breach)
                        breaches.Add((conversation, row.Name, breach));
                }
                else if (decision == SlaDue.AtRisk)
                {
                    if (await SlaAlerts.ClaimAtRiskAsync(db, conversation, now, cancellationToken))
                        atRisk.Add((conversation, row.Name));
                }
                else
                {
                    // Nothing left to raise (a stale check time): move the check on so it is not read again.
                    var next = SlaClock.NextCheckWhenNothingDue(conversation);
                    await db.Conversations.Where(c => c.Id == conversation.Id && c.SlaNextCheckAt == conversation.SlaNextCheckAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaNextCheckAt, next), cancellationToken);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another process stored one of these breaches first (unique per clock): redo this batch one by one.
            logger.LogInformation(ex, "SLA batch collided with another sweep; raising one by one");
            db.ChangeTracker.Clear();
            var ids = due.Select(r => r.Conversation.Id).ToList();
            var fresh = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SlaNextCheckAt).ToListAsync(cancellationToken);
            var (a, b) = await SweepOneByOneAsync(db, publisher, fresh, now, cancellationToken);
            return (a, b, due.Count);
        }
        db.ChangeTracker.Clear();

        foreach (var (conversation, name) in atRisk)
            await alerts.PublishAtRiskAsync(publisher, conversation, name, now, cancellationToken);
        foreach (var (conversation, name, breach) in breaches)
            await alerts.PublishBreachAsync(publisher, conversation, name, breach, now, cancellationToken);
        return (atRisk.Count, breaches.Count, due.Count);
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
