using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <summary>
/// Claims an alert on a clock with a conditional update (…RaisedAt IS NULL, same clock), so it is raised once
/// across sweeps and processes, and publishes it with its metrics.
/// </summary>
internal sealed class SlaAlerts(SlaPolicies policies, SlaMetrics metrics, ILogger logger)
{
    public static async Task<bool> ClaimAtRiskAsync(OmnichannelDb db, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        var claimed = await ClaimedClock(db, conversation).Where(c => c.AtRiskRaisedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AtRiskRaisedAt, now).SetProperty(c => c.SlaNextCheckAt, conversation.SlaDueAt), cancellationToken);
        if (claimed == 0)
            return false;
        conversation.AtRiskRaisedAt = now;
        conversation.SlaNextCheckAt = conversation.SlaDueAt;
        return true;
    }

    /// <summary>Marks the clock breached (only if nobody did) and adds its breach record to the unit of work.</summary>
    public async Task<Breach?> ClaimBreachAsync(OmnichannelDb db, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        var claimed = await ClaimedClock(db, conversation).Where(c => c.BreachRaisedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.BreachRaisedAt, now)
                .SetProperty(c => c.AtRiskRaisedAt, c => c.AtRiskRaisedAt ?? now)
                .SetProperty(c => c.SlaNextCheckAt, (DateTime?)null), cancellationToken);
        if (claimed == 0)
            return null;
        var policy = policies.For(conversation.Channel);
        var kind = conversation.SlaKind!.Value;
        var breach = new Breach
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
        db.Breaches.Add(breach);
        conversation.BreachRaisedAt = now;
        conversation.AtRiskRaisedAt ??= now;
        conversation.SlaNextCheckAt = null;
        return breach;
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
        logger.LogWarning("SLA breached: conversation {ConversationId} on {Channel} ({Kind}) was due {DueAt:O}", conversation.Id, conversation.Channel, breach.Kind, breach.DueAt);
        await publisher.Publish(new SlaBreached(BreachDto.From(breach, name), ConversationDto.From(conversation, name)), cancellationToken);
    }

    public async Task<bool> RaiseAtRiskAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        if (!await ClaimAtRiskAsync(db, conversation, now, cancellationToken))
            return false;
        await PublishAtRiskAsync(publisher, conversation, await ContactNameAsync(db, conversation, cancellationToken), now, cancellationToken);
        return true;
    }

    public async Task<bool> RaiseBreachAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        Breach? breach;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            breach = await ClaimBreachAsync(db, conversation, now, cancellationToken);
            if (breach is null)
                return false;
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
        await PublishBreachAsync(publisher, conversation, await ContactNameAsync(db, conversation, cancellationToken), breach, now, cancellationToken);
        return true;
    }

    /// <summary>The conversation row, only while it still runs the same clock the sweep read.</summary>
    private static IQueryable<Conversation> ClaimedClock(OmnichannelDb db, Conversation conversation) =>
        db.Conversations.Where(c => c.Id == conversation.Id && c.SlaStartedAt == conversation.SlaStartedAt && c.SlaKind == conversation.SlaKind);

    private static async Task<string> ContactNameAsync(OmnichannelDb db, Conversation conversation, CancellationToken cancellationToken) =>
        await db.Contacts.Where(c => c.Id == conversation.ContactId).Select(c => c.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? conversation.ContactHandle;
}
