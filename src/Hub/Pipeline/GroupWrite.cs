using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Events;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// One group of the <see cref="InboundWriter"/> in one transaction: staged and saved together as long as its messages come
/// from different contacts, without savepoints on the fast path (any failure is thrown, nothing is kept) or with a
/// savepoint per save on the careful path (a failed save is rolled back to it and its messages are stored one at a time).
/// </summary>
public static class GroupWrite
{
    /// <summary>Writes the group in one transaction and commits it: what each message came to, or why it failed.</summary>
    /// <param name="beforeCommit">Runs in the transaction once everything is saved (the new conversations' routing,
    /// <see cref="InboundRouting"/>); it may replace outcomes. Anything it throws rolls the group back.</param>
    public static async Task<(PersistOutcome?[] Outcomes, Exception?[] Errors)> WriteAsync(OmnichannelDb db, InboundStager stager,
        List<InboundMessage> group, bool savepoints, Func<PersistOutcome?[], Task>? beforeCommit = null)
    {
        var outcomes = new PersistOutcome?[group.Count];
        var errors = new Exception?[group.Count];
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Messages are staged and saved together (one save) as long as they come from different
            // contacts; a second message of a contact already staged first saves what is staged, so it finds
            // the contact and conversation the first one may have created.
            // A message alone (a quiet moment) is looked up with the compiled single-row queries instead.
            var prefetched = group.Count > 1 ? await InboundPrefetch.LoadAsync(db, group, CancellationToken.None) : null;
            var staged = new List<int>(group.Count);
            var contacts = new HashSet<(ChannelKind, string)>();
            var ids = new HashSet<(ChannelKind, string)>();
            for (var i = 0; i < group.Count; i++)
            {
                var inbound = group[i];
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
                    if (await stager.StageAsync(db, inbound, prefetched) is { } stored)
                        outcomes[i] = new PersistOutcome(stored, null);
                    else
                    {
                        // Only into an open conversation, and there is none: nothing staged, nothing to save.
                        staged.RemoveAt(staged.Count - 1);
                        outcomes[i] = PersistOutcome.NotOpen;
                    }
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
            await SaveStagedAsync(db, stager, group, staged, outcomes, errors, prefetched, savepoints, last: true);
            if (beforeCommit is not null)
                await beforeCommit(outcomes);
            await transaction.CommitAsync();
        }
        return (outcomes, errors);
    }

    /// <param name="last">The group's last save: the writer detaches everything after the commit, so the saved entries
    /// are not marked saved (snapshotted again) first.</param>
    private static async Task SaveStagedAsync(OmnichannelDb db, InboundStager stager, List<InboundMessage> group, List<int> staged,
        PersistOutcome?[] outcomes, Exception?[] errors, InboundPrefetch? prefetched, bool savepoints, bool last = false)
    {
        if (staged.Count == 0)
            return;
        try
        {
            // What is saved stays tracked: prefetched entities not used yet must stay attached.
            await SaveAsync(db, savepoints ? null : staged.Select(i => outcomes[i]!.Value.Stored!), last);
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

    private static async Task SaveOneByOneAsync(OmnichannelDb db, InboundStager stager, List<InboundMessage> group, List<int> staged,
        PersistOutcome?[] outcomes, Exception?[] errors)
    {
        foreach (var i in staged)
        {
            try
            {
                outcomes[i] = await PersistOneAsync(db, stager, group[i]);
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
            return await StageAndSaveAsync(db, stager, inbound);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await InboundDedupe.FindAsync(db, inbound, CancellationToken.None) is { } duplicate)
                return new PersistOutcome(null, duplicate);
            // Lost a race creating the same contact identity: everything is in place now, try once more.
            return await StageAndSaveAsync(db, stager, inbound);
        }
    }

    private static async Task<PersistOutcome> StageAndSaveAsync(OmnichannelDb db, InboundStager stager, InboundMessage inbound)
    {
        if (await stager.StageAsync(db, inbound) is not { } stored)
            return PersistOutcome.NotOpen;
        await SaveAsync(db);
        return new PersistOutcome(stored, null);
    }

    /// <summary>The rows an inbound message writes, principals first (<see cref="DirectSave"/>).</summary>
    private static readonly Type[] InboundRows = [typeof(Contact), typeof(ContactIdentity), typeof(Conversation), typeof(Message), typeof(DomainEvent)];

    /// <summary>Saves with one change-detection pass (the writer's context does not detect on its own). On the fast path
    /// (<paramref name="staged"/>: the messages staged since the last save) only what staging changes is scanned and the
    /// rows are written with plain statements; the careful path keeps SaveChanges, whose savepoints it needs.</summary>
    private static async Task SaveAsync(OmnichannelDb db, IEnumerable<StoredInbound>? staged = null, bool last = false)
    {
        if (staged is null)
            db.ChangeTracker.DetectChanges();
        else
            StagedChanges.Detect(db, staged);
        if (staged is null || !await DirectSave.TrySaveAsync(db, InboundRows, CancellationToken.None, acceptChanges: !last))
            await db.SaveChangesAsync(CancellationToken.None);
    }
}
