using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>What persisting one inbound message came to: stored now, or already stored earlier (a duplicate).</summary>
/// <param name="Handled">Stored now: completes once its MessageReceived event was handled (routed, pushed) after the commit.</param>
public readonly record struct PersistOutcome(StoredInbound? Stored, InboundResult? Duplicate, Task? Handled = null);

/// <summary>
/// Group commit for inbound messages. Every persist waits in one queue; a single writer takes whatever has queued
/// up (while the previous commit was being flushed) and stores it in one transaction — one disk sync for the group
/// instead of one per message, and no writers fighting over SQLite's single write lock. The group is first written
/// without savepoints (two statements fewer per save, a round trip each on PostgreSQL); if anything in it fails the
/// group is rolled back and written again with a savepoint per save, so one duplicate or failure never takes the
/// others down. A caller's task completes only after the commit: persist-before-ack holds exactly as before.
/// </summary>
/// <remarks>The entities handed back are detached once the group is committed; later steps read them, and load
/// what they change from their own context. Right after the commit the group's domain events (claimed by this
/// process in the same transaction) go to the <see cref="EventProcessor"/> in commit order.</remarks>
public sealed class InboundWriter : IAsyncDisposable
{
    /// <summary>Upper bound on one group, so a burst still commits in pieces of bounded size.</summary>
    public const int MaxGroup = 256;

    private readonly IServiceScopeFactory scopes;
    private readonly EventProcessor events;
    private readonly Faults faults;
    private readonly WriteTurns turns;
    private readonly ILogger<InboundWriter> logger;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public InboundWriter(IServiceScopeFactory scopes, EventProcessor events, Faults faults, WriteTurns turns, ILogger<InboundWriter> logger)
    {
        this.turns = turns;
        this.scopes = scopes;
        this.events = events;
        this.faults = faults;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    private sealed record Pending(InboundMessage Inbound, TaskCompletionSource<PersistOutcome> Done)
    {
        public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Stores the message (contact, conversation, message) and returns once that is committed.</summary>
    public Task<PersistOutcome> PersistAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var pending = new Pending(inbound, new TaskCompletionSource<PersistOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(InboundWriter), "The hub is shutting down.");
        // The write goes ahead even if this caller gives up waiting: a provider's retry then finds it as a duplicate.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var pending))
            {
                MessageFlowMetrics.WriterWaited(pending.Queued);
                group.Add(pending);
            }
            try
            {
                // Dedupe: a provider's retry of a stored message is answered as it, before (and without) a write turn.
                if (await AnswerStoredAsync(group) == 0)
                    continue;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                // Fast path: no savepoints. Anything that fails (a duplicate that raced past the dedupe step, a
                // contact created concurrently elsewhere) rolls the whole group back, and the group is written again
                // the careful way: a savepoint around every save, one message at a time where needed.
                using (await turns.TakeAsync())
                {
                    try
                    {
                        await WriteGroupAsync(group, savepoints: false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        await WriteGroupAsync(group, savepoints: true);
                    }
                }
                MessageFlowMetrics.Committed(started, group.Count);
            }
            catch (Exception ex)
            {
                // The transaction did not commit: nobody is acknowledged, every sender may retry.
                logger.LogError(ex, "Storing a group of {Count} inbound messages failed", group.Count);
                foreach (var pending in group)
                    pending.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Answers the group's messages that are stored already (one query for the group) and leaves the others in
    /// it; returns how many are left. Only this writer stores inbound messages, so what it reads here holds until its
    /// turn — except the same message twice in the group, checked as it is staged, and another node on PostgreSQL,
    /// whose row the unique index refuses (the careful path then answers it as a duplicate).</summary>
    private async Task<int> AnswerStoredAsync(List<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var stored = await InboundDedupe.FindAllAsync(db, group.ConvertAll(p => p.Inbound), CancellationToken.None);
        if (stored.Count == 0)
            return group.Count;
        group.RemoveAll(p => stored.TryGetValue((p.Inbound.Channel, p.Inbound.ProviderMessageId), out var earlier)
            && p.Done.TrySetResult(new PersistOutcome(null, earlier)));
        return group.Count;
    }

    /// <param name="savepoints">Without them (the fast path) any failure is thrown and nothing of the group is kept;
    /// with them a failed save is rolled back to its savepoint and its messages are stored one at a time.</param>
    private async Task WriteGroupAsync(List<Pending> group, bool savepoints)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        db.Database.AutoSavepointsEnabled = savepoints;
        // Changes are detected once, right before each save (SaveAsync), not again by the save and its interceptors.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await WriteGroupAsync(db, scope.ServiceProvider.GetRequiredService<InboundStager>(), group, savepoints);
        }
        finally
        {
            // The context goes back to the pool.
            db.Database.AutoSavepointsEnabled = true;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private async Task WriteGroupAsync(OmnichannelDb db, InboundStager stager, List<Pending> group, bool savepoints)
    {
        var outcomes = new PersistOutcome?[group.Count];
        var errors = new Exception?[group.Count];
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Messages are staged and saved together (one SaveChanges) as long as they come from different
            // contacts; a second message of a contact already staged first saves what is staged, so it finds
            // the contact and conversation the first one may have created.
            // A message alone (a quiet moment) is looked up with the compiled single-row queries instead.
            var prefetched = group.Count > 1 ? await InboundPrefetch.LoadAsync(db, group.ConvertAll(p => p.Inbound), CancellationToken.None) : null;
            var staged = new List<int>(group.Count);
            var contacts = new HashSet<(ChannelKind, string)>();
            var ids = new HashSet<(ChannelKind, string)>();
            for (var i = 0; i < group.Count; i++)
            {
                var inbound = group[i].Inbound;
                var other = PhoneIdentity.Counterpart(inbound.Channel, inbound.ContactHandle);
                if (contacts.Contains((inbound.Channel, inbound.ContactHandle)) || (other is { } o && contacts.Contains((o.Channel, o.Handle))))
                {
                    await SaveStagedAsync(db, stager, group, staged, outcomes, errors, prefetched, savepoints);
                    contacts.Clear();
                }
                // The same message twice in one group (a retry while the first waited): asked after the first was saved.
                if (!ids.Add((inbound.Channel, inbound.ProviderMessageId)) && await InboundDedupe.FindAsync(db, inbound, CancellationToken.None) is { } earlier)
                {
                    outcomes[i] = new PersistOutcome(null, earlier);
                    continue;
                }
                contacts.Add((inbound.Channel, inbound.ContactHandle));
                staged.Add(i);
                try
                {
                    outcomes[i] = new PersistOutcome(await stager.StageAsync(db, inbound, prefetched), null);
                }
                catch (Exception ex) when (savepoints && ex is not OperationCanceledException)
                {
                    // Something went wrong while staging: store what is staged one message at a time.
                    db.ChangeTracker.Clear();
                    prefetched?.Clear();
                    await SaveOneByOneAsync(db, stager, group, staged, outcomes, errors);
                    contacts.Clear();
                }
            }
            await SaveStagedAsync(db, stager, group, staged, outcomes, errors, prefetched, savepoints);
            await transaction.CommitAsync();
        }
        faults.AfterInboundCommit();
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is { Stored: { Event: { } received } stored } committed)
                outcomes[i] = committed with { Handled = events.Enqueue(new ClaimedEvent(received.Id, stored.Conversation.Id, stored)).Handled };
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is { } outcome)
                group[i].Done.TrySetResult(outcome);
            else
                group[i].Done.TrySetException(errors[i] ?? new InvalidOperationException("The message was not stored."));
        }
    }

    private static async Task SaveStagedAsync(OmnichannelDb db, InboundStager stager, List<Pending> group, List<int> staged,
        PersistOutcome?[] outcomes, Exception?[] errors, InboundPrefetch? prefetched, bool savepoints)
    {
        if (staged.Count == 0)
            return;
        try
        {
            // What is saved stays tracked: prefetched entities not used yet must stay attached.
            await SaveAsync(db, savepoints ? null : staged.Select(i => outcomes[i]!.Value.Stored!));
            staged.Clear();
        }
        catch (DbUpdateException) when (savepoints)
        {
            // A duplicate (or a contact created concurrently elsewhere) among them: EF rolled the staged
            // messages back to their savepoint; store them one at a time, each with its own savepoint.
            db.ChangeTracker.Clear();
            prefetched?.Clear();
            await SaveOneByOneAsync(db, stager, group, staged, outcomes, errors);
        }
    }

    private static async Task SaveOneByOneAsync(OmnichannelDb db, InboundStager stager, List<Pending> group, List<int> staged,
        PersistOutcome?[] outcomes, Exception?[] errors)
    {
        foreach (var i in staged)
        {
            try
            {
                outcomes[i] = await PersistOneAsync(db, stager, group[i].Inbound);
                errors[i] = null;
            }
            catch (Exception ex)
            {
                db.ChangeTracker.Clear();
                outcomes[i] = null;
                errors[i] = ex;
            }
            db.ChangeTracker.Clear();
        }
        staged.Clear();
    }

    /// <summary>A concurrent duplicate that slipped past the dedupe step hits the unique index and is answered as a duplicate.</summary>
    private static async Task<PersistOutcome> PersistOneAsync(OmnichannelDb db, InboundStager stager, InboundMessage inbound)
    {
        try
        {
            var stored = await stager.StageAsync(db, inbound);
            await SaveAsync(db);
            return new PersistOutcome(stored, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await InboundDedupe.FindAsync(db, inbound, CancellationToken.None) is { } duplicate)
                return new PersistOutcome(null, duplicate);
            // Lost a race creating the same contact identity: everything is in place now, try once more.
            var stored = await stager.StageAsync(db, inbound);
            await SaveAsync(db);
            return new PersistOutcome(stored, null);
        }
    }

    /// <summary>The rows an inbound message writes, principals first (<see cref="DirectSave"/>).</summary>
    private static readonly Type[] InboundRows = [typeof(Contact), typeof(ContactIdentity), typeof(Conversation), typeof(Message), typeof(DomainEvent)];

    /// <summary>Saves with one change-detection pass (the writer's context does not detect on its own). On the fast path
    /// (<paramref name="staged"/>: the messages staged since the last save) only what staging changes is scanned and the
    /// rows are written with plain statements; the careful path keeps SaveChanges, whose savepoints it needs.</summary>
    private static async Task SaveAsync(OmnichannelDb db, IEnumerable<StoredInbound>? staged = null)
    {
        if (staged is null)
            db.ChangeTracker.DetectChanges();
        else
            StagedChanges.Detect(db, staged);
        if (staged is null || !await DirectSave.TrySaveAsync(db, InboundRows, CancellationToken.None))
            await db.SaveChangesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
