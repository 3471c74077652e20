using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Omnichannel.Hub.Storage;

public static class TrackedEntries
{
    /// <summary>
    /// The tracked entries as they stand, without the change-detection pass <see cref="ChangeTracker.Entries{T}"/>
    /// runs first (a walk over every tracked entity); automatic detection is back on once the loop ends.
    /// </summary>
    public static IEnumerable<EntityEntry<T>> Undetected<T>(ChangeTracker tracker) where T : class
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<T>())
                yield return entry;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
