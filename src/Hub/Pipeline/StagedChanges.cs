using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// Change detection for the inbound writer's fast path: staging a message adds its rows (message, event, a new contact
/// or conversation) and changes only its contact and conversation, so those two are scanned instead of every entity
/// the group's context tracks (the prefetched contacts and conversations of the whole group included).
/// </summary>
public static class StagedChanges
{
    public static void Detect(DbContext db, IEnumerable<StoredInbound> staged)
    {
        foreach (var stored in staged)
        {
            db.Entry(stored.Contact).DetectChanges();
            db.Entry(stored.Conversation).DetectChanges();
        }
        NothingElseChanged(db);
    }

    /// <summary>Debug builds (the tests) check that a full detection finds nothing more: a staging step that changed
    /// another entity fails there instead of losing its change.</summary>
    [Conditional("DEBUG")]
    private static void NothingElseChanged(DbContext db)
    {
        var detected = Changes(db);
        db.ChangeTracker.DetectChanges();
        if (Changes(db) is var all && !all.SequenceEqual(detected))
            throw new InvalidOperationException($"Inbound staging changed more than the message's contact and conversation: {string.Join("; ", all.Except(detected))}");
    }

    private static List<string> Changes(DbContext db) =>
        [.. TrackedEntries.Undetected<object>(db.ChangeTracker).Select(e =>
            $"{e.Metadata.ClrType.Name} {e.State} {string.Join(',', e.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))}")];
}
