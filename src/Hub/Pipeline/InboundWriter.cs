using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>What persisting one inbound message came to: stored now, already stored earlier (a duplicate), or not stored
/// because it may only join an open conversation and found none (<see cref="NotOpen"/>).</summary>
/// <param name="Handled">Stored now: completes once its MessageReceived event was handled (routed, pushed) after the commit.</param>
public readonly record struct PersistOutcome(StoredInbound? Stored, InboundResult? Duplicate, Task? Handled = null)
{
    /// <summary>Sent <see cref="InboundMessage.OnlyIntoOpen"/>, it found no open conversation: nothing was stored.</summary>
    public bool NoOpenConversation { get; init; }

    public static PersistOutcome NotOpen => new(null, null) { NoOpenConversation = true };
}

/// <summary>
/// Group commit for inbound messages. Every persist waits in one queue; a single writer takes whatever has queued
/// up (while the previous commit was being flushed) and stores it in one transaction — one disk sync for the group
/// instead of one per message, and no writers fighting over SQLite's single write lock. The group is first written
/// without savepoints (two statements fewer per save, a round trip each on PostgreSQL); if anything in it fails the
/// group is rolled back and written again with a savepoint per save, so one duplicate or failure never takes the
/// others down. A caller's task completes only once the commit is on the disk (persist-before-ack): on SQLite the
/// writer commits without a sync of its own, hands the turn on, and <see cref="CommitSync"/> syncs the log while the
/// next group is written — the disk's wait is no longer part of the single writer's turn.
/// </summary>
/// <remarks>The entities handed back are detached once the group is committed; later steps read them, and load
/// what they change from their own context. Once the group is committed its domain events (claimed by this process in
/// the same transaction) go to the <see cref="EventProcessor"/> in commit order, while the sync runs.</remarks>
public sealed partial class InboundWriter : IAsyncDisposable
{
    /// <summary>Upper bound on one group, so a burst still commits in pieces of bounded size.</summary>
    public const int MaxGroup = 256;

    private readonly IServiceScopeFactory scopes;
    private readonly EventProcessor events;
    private readonly Faults faults;
    private readonly WriteTurns turns;
    private readonly CommitSync sync;
    private readonly ILogger<InboundWriter> logger;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private Session? session;

    public InboundWriter(IServiceScopeFactory scopes, EventProcessor events, Faults faults, WriteTurns turns, CommitSync sync, ILogger<InboundWriter> logger)
    {
        this.turns = turns;
        this.sync = sync;
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
                await StoreAsync(group);
            }
            catch (Exception ex)
            {
                // The transaction did not commit: nobody is acknowledged, every sender may retry.
                logger.LogError(ex, "Storing a group of {Count} inbound messages failed", group.Count);
                foreach (var pending in group)
                    pending.Done.TrySetException(ex);
            }
        }
        if (session is not null)
            await session.DisposeAsync();
    }

    /// <summary>Dedupe, then persist, in the writer's session; the callers are answered once the commit is on the disk
    /// (<see cref="CommitSync"/>: on SQLite the sync runs after the turn is handed on, while the next group is written).</summary>
    private async Task StoreAsync(List<Pending> group)
    {
        session ??= await Session.OpenAsync(scopes, sync.Deferred);
        var (db, stager, routing) = (session.Db, session.Stager, session.Routing);
        (PersistOutcome?[] Outcomes, Exception?[] Errors) written;
        try
        {
            // Dedupe: a provider's retry of a stored message is answered as it, before (and without) a write turn.
            if (await AnswerStoredAsync(db, group) == 0)
                return;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Fast path: no savepoints. Anything that fails (a duplicate that raced past the dedupe step, a
            // contact created concurrently elsewhere) rolls the whole group back, and the group is written again
            // the careful way: a savepoint around every save, one message at a time where needed.
            using (await turns.TakeAsync("inbound"))
            {
                try
                {
                    // The conversations the group creates are routed in its transaction (SQLite): one turn, one commit.
                    written = await AttemptAsync(db, stager, group, savepoints: false, routing.Enabled ? routing : null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    db.ChangeTracker.Clear();
                    written = await AttemptAsync(db, stager, group, savepoints: true);
                }
            }
            MessageFlowMetrics.Committed(started, group.Count);
            // What the group tracked is detached: later steps read it, and load what they change themselves.
            db.ChangeTracker.Clear();
        }
        catch
        {
            // A new session (context, connection) for the next group.
            await session.DisposeAsync();
            session = null;
            throw;
        }
        // The loop reuses its list: the answers keep their own.
        var committed = group.ToArray();
        var unqueued = Enqueue(committed, written.Outcomes);
        sync.Then(unsynced => Answer(committed, written.Outcomes, written.Errors, unsynced ?? unqueued));
    }

    /// <summary>Answers the group's messages that are stored already (one query for the group) and leaves the others in
    /// it; returns how many are left. Only this writer stores inbound messages, so what it reads here holds until its
    /// turn — except the same message twice in the group, checked as it is staged, and another node on PostgreSQL,
    /// whose row the unique index refuses (the careful path then answers it as a duplicate).</summary>
    /// <remarks>A retry is answered after the next sync too: the message it repeats may have been committed by the group
    /// before, whose sync is still running.</remarks>
    private async Task<int> AnswerStoredAsync(OmnichannelDb db, List<Pending> group)
    {
        var stored = await InboundDedupe.FindAllAsync(db, group.ConvertAll(p => p.Inbound), CancellationToken.None);
        if (stored.Count == 0)
            return group.Count;
        var retries = group.FindAll(p => stored.ContainsKey(Key(p)));
        group.RemoveAll(p => stored.ContainsKey(Key(p)));
        sync.Then(unsynced =>
        {
            foreach (var retry in retries)
            {
                if (unsynced is null)
                    retry.Done.TrySetResult(new PersistOutcome(null, stored[Key(retry)]));
                else
                    retry.Done.TrySetException(unsynced);
            }
        });
        return group.Count;

        static (ChannelKind, string) Key(Pending pending) => (pending.Inbound.Channel, pending.Inbound.ProviderMessageId);
    }

    /// <param name="savepoints">Without them (the fast path) any failure is thrown and nothing of the group is kept;
    /// with them a failed save is rolled back to its savepoint and its messages are stored one at a time.</param>
    /// <param name="routing">Routes the conversations the group creates in its transaction (fast path only: on the careful
    /// path each event's handler routes).</param>
    private static async Task<(PersistOutcome?[] Outcomes, Exception?[] Errors)> AttemptAsync(OmnichannelDb db, InboundStager stager,
        List<Pending> group, bool savepoints, InboundRouting? routing = null)
    {
        db.Database.AutoSavepointsEnabled = savepoints;
        // Changes are detected once, right before each save (SaveAsync), not again by the save and its interceptors.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await GroupWrite.WriteAsync(db, stager, group.ConvertAll(p => p.Inbound), savepoints,
                routing is null ? null : outcomes => routing.DecideAsync(db, outcomes));
        }
        finally
        {
            // As the next group (and, in the end, the pool) expects the context.
            db.Database.AutoSavepointsEnabled = true;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>The committed group's events go to the workers (routing, the operators' pushes) at once, in commit order,
    /// while the log's sync runs: an operator sees the message a sync sooner, as any reader of the database already could.
    /// Nothing they lead to outlives a lost commit — the log is written in order, so no later commit (a routing decision, a
    /// reply stored in the outbox) is on the disk without this one. Returns why they could not be queued, if so.</summary>
    private Exception? Enqueue(Pending[] group, PersistOutcome?[] outcomes)
    {
        faults.AfterInboundCommit();
        try
        {
            for (var i = 0; i < group.Length; i++)
            {
                if (outcomes[i] is { Stored: { Event: { } received } stored } committed)
                    outcomes[i] = committed with { Handled = events.Enqueue(new ClaimedEvent(received.Id, stored.Conversation.Id, stored)).Handled };
            }
            return null;
        }
        catch (Exception ex)
        {
            // The workers are gone (the hub is stopping): the events stay in the outbox, a sender's retry finds its message.
            return ex;
        }
    }

    /// <summary>Each caller hears what its message came to once the group is on the disk (persist-before-ack). A failed
    /// sync, or events that could not be queued, answer nobody stored: a sender's retry finds its message.</summary>
    private static void Answer(Pending[] group, PersistOutcome?[] outcomes, Exception?[] errors, Exception? failed)
    {
        for (var i = 0; i < group.Length; i++)
        {
            if (outcomes[i] is { Stored: not null } && failed is not null)
                group[i].Done.TrySetException(failed);
            else if (outcomes[i] is { } outcome)
                group[i].Done.TrySetResult(outcome);
            else
                group[i].Done.TrySetException(errors[i] ?? new InvalidOperationException("The message was not stored."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
