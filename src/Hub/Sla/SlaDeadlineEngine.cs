using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Sla;

/// <param name="AtRisk">At-risk alerts raised in this sweep.</param>
/// <param name="Breaches">Breaches raised (and stored) in this sweep.</param>
/// <param name="NextCheckAt">The nearest deadline still pending (the timer is armed for it).</param>
public sealed record SlaSweepResult(int AtRisk, int Breaches, DateTime? NextCheckAt);

/// <summary>
/// Raises at-risk alerts and breaches on time. Every running clock has its next check time persisted
/// (<see cref="Conversation.SlaNextCheckAt"/>, indexed), so a sweep reads only what is due — its cost grows with
/// what is due, not with what is open. An in-process timer (from <see cref="TimeProvider"/>) is armed for the
/// nearest check; a Quartz job sweeps periodically as a safety net; a sweep at start raises what came due
/// while the hub was down. Each alert is claimed with a conditional update (…RaisedAt IS NULL), and breaches are
/// unique per clock, so several sweeps or hub processes never raise one twice.
/// </summary>
public sealed class SlaDeadlineEngine(
    IServiceScopeFactory scopes, TimeProvider time, SlaPolicies policies, SlaMetrics metrics, IOptions<SlaOptions> options, ILogger<SlaDeadlineEngine> logger)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock sync = new();
    private ITimer? timer;
    private DateTime? armedFor;
    private bool stopped;

    /// <summary>Raised once a sweep has finished (tests and the benchmark can observe the engine with it).</summary>
    public event Action<SlaSweepResult>? Swept;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Deadlines come back from storage: whatever came due while the hub was down is raised now, the rest is armed.
        _ = Task.Run(async () =>
        {
            try
            {
                await StartMissingClocksAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Starting SLA clocks for waiting conversations failed");
            }
            Trigger();
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Customers who wait without a running clock (stored before the SLA engine existed, or a crash between
    /// storing a message and starting its clock) get one, from when they started waiting. Runs once at start.
    /// </summary>
    public async Task<int> StartMissingClocksAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var waiting = await db.Conversations
            .Where(c => c.State != ConversationState.Closed && c.WaitingSince != null && c.SlaKind == null)
            .ToListAsync(cancellationToken);
        foreach (var conversation in waiting)
            SlaClock.Start(policies.For(conversation.Channel), conversation,
                conversation.FirstRespondedAt is null ? SlaKind.FirstResponse : SlaKind.NextResponse, conversation.WaitingSince!.Value);
        if (waiting.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Started SLA clocks for {Count} conversations already waiting", waiting.Count);
        }
        return waiting.Count;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            stopped = true;
            timer?.Dispose();
            timer = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>A clock started or moved: make sure the timer fires no later than <paramref name="checkAt"/>.</summary>
    public void Schedule(DateTime? checkAt)
    {
        if (checkAt is not { } at)
            return;
        lock (sync)
        {
            if (stopped || armedFor is { } armed && armed <= at)
                return;
            armedFor = at;
            var delay = at - time.GetUtcNow().UtcDateTime;
            if (delay <= TimeSpan.Zero)
            {
                // Already due: sweep now (the sweep resets armedFor when it starts).
                timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Trigger();
                return;
            }
            // Timers cannot wait longer than ~49 days; the periodic sweep and re-arming cover longer waits.
            if (delay > TimeSpan.FromDays(40))
                delay = TimeSpan.FromDays(40);
            timer ??= time.CreateTimer(_ => Trigger(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Trigger() => _ = Task.Run(async () =>
    {
        try
        {
            await SweepAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "SLA sweep failed; the periodic sweep will retry");
        }
    });

    /// <summary>Raises everything due now, then arms the timer for the nearest pending check. Never runs twice at once.</summary>
    public async Task<SlaSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            lock (sync)
                armedFor = null;
            int atRisk = 0, breaches = 0;
            var batchSize = options.Value.BatchSize;
            while (true)
            {
                var (a, b, seen) = await SweepBatchAsync(batchSize, cancellationToken);
                atRisk += a;
                breaches += b;
                if (seen < batchSize)
                    break;
            }
            var next = await NextCheckAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            // Something still due right after a full sweep failed to be raised: retry a little later, never in a tight loop.
            Schedule(next <= now ? now + RetryDelay : next);
            var result = new SlaSweepResult(atRisk, breaches, next);
            Swept?.Invoke(result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DateTime?> NextCheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        return await db.Conversations.Where(c => c.SlaNextCheckAt != null).OrderBy(c => c.SlaNextCheckAt)
            .Select(c => c.SlaNextCheckAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<(int AtRisk, int Breaches, int Seen)> SweepBatchAsync(int batchSize, CancellationToken cancellationToken)
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
                if (conversation.BreachRaisedAt is null && conversation.SlaDueAt <= now)
                {
                    if (await ClaimBreachAsync(db, conversation, now, cancellationToken) is { } breach)
                        breaches.Add((conversation, row.Name, breach));
                }
                else if (conversation.AtRiskRaisedAt is null && conversation.SlaAtRiskAt <= now)
                {
                    if (await ClaimAtRiskAsync(db, conversation, now, cancellationToken))
                        atRisk.Add((conversation, row.Name));
                }
                else
                {
                    // Nothing left to raise (a stale check time): move the check on so it is not read again.
                    var next = conversation.BreachRaisedAt is null ? conversation.SlaDueAt : null;
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
            await PublishAtRiskAsync(publisher, conversation, name, now, cancellationToken);
        foreach (var (conversation, name, breach) in breaches)
            await PublishBreachAsync(publisher, conversation, name, breach, now, cancellationToken);
        return (atRisk.Count, breaches.Count, due.Count);
    }

    private async Task<(int AtRisk, int Breaches)> SweepOneByOneAsync(
        OmnichannelDb db, IPublisher publisher, List<Conversation> due, DateTime now, CancellationToken cancellationToken)
    {
        int atRisk = 0, breaches = 0;
        foreach (var conversation in due)
        {
            if (conversation.BreachRaisedAt is null && conversation.SlaDueAt <= now)
            {
                if (await RaiseBreachAsync(db, publisher, conversation, now, cancellationToken))
                    breaches++;
            }
            else if (conversation.AtRiskRaisedAt is null && conversation.SlaAtRiskAt <= now)
            {
                if (await RaiseAtRiskAsync(db, publisher, conversation, now, cancellationToken))
                    atRisk++;
            }
        }
        return (atRisk, breaches);
    }

    private static async Task<bool> ClaimAtRiskAsync(OmnichannelDb db, Conversation conversation, DateTime now, CancellationToken cancellationToken)
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
    private async Task<Breach?> ClaimBreachAsync(OmnichannelDb db, Conversation conversation, DateTime now, CancellationToken cancellationToken)
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

    private async Task PublishAtRiskAsync(IPublisher publisher, Conversation conversation, string name, DateTime now, CancellationToken cancellationToken)
    {
        metrics.AtRiskRaised(conversation.Channel);
        await publisher.Publish(new SlaAtRisk(
            new SlaAlertDto(conversation.Id, conversation.Channel, conversation.SlaKind!.Value, conversation.SlaStartedAt!.Value,
                conversation.SlaAtRiskAt!.Value, conversation.SlaDueAt!.Value, now, conversation.AssignedOperatorId, name),
            ConversationDto.From(conversation, name)), cancellationToken);
    }

    private async Task PublishBreachAsync(IPublisher publisher, Conversation conversation, string name, Breach breach, DateTime now, CancellationToken cancellationToken)
    {
        metrics.BreachRaised(conversation.Channel, breach.Kind, now - breach.DueAt);
        logger.LogWarning("SLA breached: conversation {ConversationId} on {Channel} ({Kind}) was due {DueAt:O}", conversation.Id, conversation.Channel, breach.Kind, breach.DueAt);
        await publisher.Publish(new SlaBreached(BreachDto.From(breach, name), ConversationDto.From(conversation, name)), cancellationToken);
    }

    private async Task<bool> RaiseAtRiskAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
    {
        if (!await ClaimAtRiskAsync(db, conversation, now, cancellationToken))
            return false;
        await PublishAtRiskAsync(publisher, conversation, await ContactNameAsync(db, conversation, cancellationToken), now, cancellationToken);
        return true;
    }

    private async Task<bool> RaiseBreachAsync(OmnichannelDb db, IPublisher publisher, Conversation conversation, DateTime now, CancellationToken cancellationToken)
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        gate.Dispose();
    }
}
