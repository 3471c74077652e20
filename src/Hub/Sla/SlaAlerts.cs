using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Claims alerts with conditional updates (…RaisedAt IS NULL, still due), so each is raised once across sweeps and
/// processes, and publishes them with their metrics. A sweep claims its whole batch with one statement per kind of
/// alert; the fallback when a batch collides with another process claims one clock at a time, as a batch of one.
/// </summary>
internal sealed class SlaAlerts(SlaPolicies policies, SlaMetrics metrics, ILogger logger)
{
    /// <summary>
    /// Claims the at-risk alerts of <paramref name="ids"/> still due and unraised (a clock stopped or restarted since it
    /// was read is not: its at-risk moment is gone or ahead), and returns the claimed clocks as stored now.
    /// </summary>
    public static async Task<List<Conversation>> ClaimAtRiskAsync(OmnichannelDb db, List<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var claimed = await db.Conversations
            .Where(c => ids.Contains(c.Id) && c.AtRiskRaisedAt == null && c.BreachRaisedAt == null && c.SlaAtRiskAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AtRiskRaisedAt, now).SetProperty(c => c.SlaNextCheckAt, c => c.SlaDueAt), cancellationToken);
        // Read back inside the same transaction: the rows this statement marked carry this sweep's instant.
        return claimed == 0 ? [] : await db.Conversations.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.AtRiskRaisedAt == now && c.BreachRaisedAt == null).OrderBy(c => c.SlaAtRiskAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the breaches of <paramref name="ids"/> still due and unraised, adds their breach records to the unit of
    /// work (built from the clocks as stored now) and returns them with their clocks.
    /// </summary>
    public async Task<List<(Conversation Conversation, Breach Breach)>> ClaimBreachesAsync(OmnichannelDb db, List<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var claimed = await db.Conversations
            .Where(c => ids.Contains(c.Id) && c.BreachRaisedAt == null && c.SlaDueAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.BreachRaisedAt, now)
                .SetProperty(c => c.AtRiskRaisedAt, c => c.AtRiskRaisedAt ?? now)
                .SetProperty(c => c.SlaNextCheckAt, (DateTime?)null), cancellationToken);
        if (claimed == 0)
            return [];
        var clocks = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id) && c.BreachRaisedAt == now)
            .OrderBy(c => c.SlaDueAt).ToListAsync(cancellationToken);
        var breaches = clocks.Select(c => (c, NewBreach(c, now))).ToList();
        db.Breaches.AddRange(breaches.Select(b => b.Item2));
        return breaches;
    }

    private Breach NewBreach(Conversation conversation, DateTime now)
    {
        var policy = policies.For(conversation.Channel);
        var kind = conversation.SlaKind!.Value;
        return new Breach
        {
            ConversationId = conversation.Id,
            Channel = conversation.Channel,
            Kind = kind,
            TargetSeconds = policy.Target(kind).TotalSeconds,
            BusinessHours = policy.Calendar is not null,
            StartedAt = conversation.SlaStartedAt!.Value,
            DueAt = conversation.SlaDueAt!.Value,
            RaisedAt = now,
            OperatorId = conversation.AssignedOperatorId,
        };
    }

    public async Task PublishAtRiskAsync(IPublisher publisher, Conversation conversation, string name, DateTime now, CancellationToken cancellationToken)
    {
        metrics.AtRiskRaised(conversation.Channel);
        await publisher.Publish(new SlaAtRisk(
            new SlaAlertDto(conversation.Id, conversation.Channel, conversation.SlaKind!.Value, conversation.SlaStartedAt!.Value,
                conversation.SlaAtRiskAt!.Value, conversation.SlaDueAt!.Value, now, conversation.AssignedOperatorId, name),
            ConversationDto.From(conversation, name)), cancellationToken);
    }

    public async Task PublishBreachAsync(IPublisher publisher, Conversation conversation, string name, Breach breach, DateTime now, CancellationToken cancellationToken)
    {
        metrics.BreachRaised(conversation.Channel, breach.Kind, now - breach.DueAt);
        await publisher.Publish(new SlaBreached(BreachDto.From(breach, name), ConversationDto.From(conversation, name)), cancellationToken);
    }

    /// <summary>One clock's at-risk alert, claimed as a batch of one (the fallback when a batch collided).</summary>
    public async Task<bool> RaiseAtRiskAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        if (await ClaimAtRiskAsync(db, [conversation.Id], now, cancellationToken) is not [var claimed])
            return false;
        await PublishAtRiskAsync(publisher, claimed, await ContactNameAsync(db, claimed, cancellationToken), now, cancellationToken);
        return true;
    }

    /// <summary>One clock's breach, claimed as a batch of one (the fallback when a batch collided).</summary>
    public async Task<bool> RaiseBreachAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        Conversation claimed;
        Breach breach;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await ClaimBreachesAsync(db, [conversation.Id], now, cancellationToken) is not [var one])
                return false;
            (claimed, breach) = one;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Another process stored this clock's breach first (unique index): it is raised, not by us.
                logger.LogInformation(ex, "Breach of conversation {ConversationId} was already stored", conversation.Id);
                db.ChangeTracker.Clear();
                return false;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        LogRaised([breach]);
        await PublishBreachAsync(publisher, claimed, await ContactNameAsync(db, claimed, cancellationToken), breach, now, cancellationToken);
        return true;
    }

    /// <summary>
    /// One log line for what one sweep batch raised (not one per breach: a busy hour's thousands would drown the log);
    /// each breach is on record in the breaches table and the metrics.
    /// </summary>
    public void LogRaised(IReadOnlyCollection<Breach> breaches)
    {
        if (breaches.Count == 0)
            return;
        var oldest = breaches.MinBy(b => b.DueAt)!;
        logger.LogWarning("SLA: {Count} breach(es) raised; the oldest was due {DueAt:O} (conversation {ConversationId}, {Channel}, {Kind})",
            breaches.Count, oldest.DueAt, oldest.ConversationId, oldest.Channel, oldest.Kind);
    }

    private static async Task<string> ContactNameAsync(OmnichannelDb db, Conversation conversation, CancellationToken cancellationToken) =>
        await db.Contacts.Where(c => c.Id == conversation.ContactId).Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? conversation.ContactHandle;
}
