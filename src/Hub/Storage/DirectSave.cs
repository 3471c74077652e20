using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// Saves a context's added and changed rows with one plain statement each — <c>INSERT … RETURNING</c> the generated
/// key, <c>UPDATE</c> of the changed columns — instead of EF Core's update pipeline, whose preparation (sorting the
/// commands, foreign-key graphs, propagating results) cost more than the statements themselves on the inbound path
/// (docs/performance.md). It handles entity types with one generated key and plain columns, saved type by type in the
/// order given (principals first); when anything else is tracked (a deletion, another type) it saves nothing and answers
/// false, and the caller uses SaveChanges. As with SaveChanges the save interceptors run first (queue stamp, stored-value
/// guard), and every statement goes through EF's command logging and interceptors.
/// </summary>
public static class DirectSave
{
    /// <param name="acceptChanges">False when the caller detaches everything right after (the inbound writer's last save of
    /// a group, before its commit): the saved entries are then left as they were instead of being snapshotted again.</param>
    public static async Task<bool> TrySaveAsync(DbContext db, IReadOnlyList<Type> order, CancellationToken cancellationToken, bool acceptChanges = true)
    {
        if (!Saveable(db, order))
            return false;
        var updateLogger = db.GetService<IDiagnosticsLogger<DbLoggerCategory.Update>>();
        await updateLogger.SaveChangesStartingAsync(db, cancellationToken);
        // The interceptors may have changed values (never the set of entries): what to write is read after them.
        var pending = new List<EntityEntry>();
        foreach (var entry in TrackedEntries.Undetected<object>(db.ChangeTracker))
            if (entry.State is EntityState.Added or EntityState.Modified)
                pending.Add(entry);
        // Like SaveChanges: all or nothing, in the caller's transaction or in one of its own.
        var connection = db.GetService<IRelationalConnection>();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var own = connection.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await WriteAsync(db, order, pending, cancellationToken);
            if (own is not null)
                await own.CommitAsync(cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }
        if (acceptChanges)
            db.ChangeTracker.AcceptAllChanges();
        await updateLogger.SaveChangesCompletedAsync(db, pending.Count, cancellationToken);
        return true;
    }

    /// <summary>Rows per multi-row INSERT: SQLite's default limit of 999 parameters in older builds.</summary>
    private const int MaxParameters = 999;

    private static readonly ConditionalWeakTable<DbContext, DirectCommands> Kept = new();

    /// <summary>Keeps this context's statements compiled from save to save until <see cref="ForgetCommandsAsync"/>: for a
    /// context that keeps its connection open meanwhile (the inbound writer's; closing a SQLite connection finalises them).</summary>
    public static void KeepCommands(DbContext db) => Kept.GetValue(db, d => new DirectCommands(d));

    public static async ValueTask ForgetCommandsAsync(DbContext db)
    {
        if (Kept.TryGetValue(db, out var commands) && Kept.Remove(db))
            await commands.DisposeAsync();
    }

    /// <summary>With the commands the context keeps, or with commands for this save alone.</summary>
    private static async Task WriteAsync(DbContext db, IReadOnlyList<Type> order, List<EntityEntry> pending, CancellationToken cancellationToken)
    {
        var kept = Kept.TryGetValue(db, out var commands);
        commands ??= new DirectCommands(db);
        try
        {
            await WriteAsync(db, commands, order, pending, cancellationToken);
        }
        finally
        {
            if (!kept)
                await commands.DisposeAsync();
        }
    }

    /// <summary>The statements, type by type in the given order (principals first), each kind prepared once. On SQLite
    /// the added rows of a type go in one INSERT (in pieces under <see cref="MaxParameters"/>): an INSERT into a table with
    /// a search trigger opens a statement savepoint, and every such savepoint makes FTS5 write what it indexed so far
    /// as a new segment — a segment per message, merged later, when written row by row.</summary>
    private static async Task WriteAsync(DbContext db, DirectCommands commands, IReadOnlyList<Type> order, List<EntityEntry> pending, CancellationToken cancellationToken)
    {
        var many = db.Database.IsSqlite();
        foreach (var type in order)
        {
            var added = pending.Where(e => e.Metadata.ClrType == type && e.State == EntityState.Added).ToList();
            if (many && added.Count > 1)
                await InsertManyAsync(db, commands, added, cancellationToken);
            else
                foreach (var entry in added)
                    SetKey(entry, await commands.ScalarAsync(DirectStatements.Insert(db, entry), cancellationToken));
            // In key order, as SaveChanges orders its commands: every writer then locks a table's rows in the same order
            // (on PostgreSQL two transactions updating the same conversations in different orders deadlock).
            var modified = pending.Where(e => e.Metadata.ClrType == type && e.State == EntityState.Modified).OrderBy(KeyOf);
            foreach (var entry in modified)
            {
                if (DirectStatements.Update(db, entry) is { } update && await commands.NonQueryAsync(update, cancellationToken) != 1)
                    throw new DbUpdateConcurrencyException($"{entry.Metadata.ClrType.Name} was changed or deleted meanwhile.");
            }
        }
    }

    /// <summary>SQLite gives the rows of one INSERT ascending keys in the order of its VALUES (the statement holds the
    /// write lock; nothing else inserts meanwhile), so the returned keys, sorted, belong to the rows in that order.</summary>
    private static async Task InsertManyAsync(DbContext db, DirectCommands commands, List<EntityEntry> added, CancellationToken cancellationToken)
    {
        var rows = Math.Max(1, MaxParameters / Math.Max(1, added[0].Metadata.GetProperties().Count()));
        foreach (var chunk in added.Chunk(rows))
        {
            var keys = await commands.KeysAsync(DirectStatements.InsertMany(db, chunk), cancellationToken);
            if (keys.Count != chunk.Length)
                throw new DbUpdateException($"{chunk.Length} {chunk[0].Metadata.ClrType.Name} rows inserted, {keys.Count} keys returned.");
            for (var i = 0; i < chunk.Length; i++)
                SetKey(chunk[i], keys[i]);
        }
    }

    private static long KeyOf(EntityEntry entry) =>
        Convert.ToInt64(entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0]).CurrentValue, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Setting the real key fixes up the dependents' foreign keys, written after it.</summary>
    private static void SetKey(EntityEntry entry, object? id)
    {
        var key = entry.Metadata.FindPrimaryKey()!.Properties[0];
        entry.Property(key).CurrentValue = Convert.ChangeType(id, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Only additions and changes, of the listed types, each of a shape this class writes.</summary>
    private static bool Saveable(DbContext db, IReadOnlyList<Type> order)
    {
        foreach (var entry in TrackedEntries.Undetected<object>(db.ChangeTracker))
        {
            if (entry.State == EntityState.Unchanged)
                continue;
            if (entry.State is not (EntityState.Added or EntityState.Modified) || !order.Contains(entry.Metadata.ClrType)
                || !Plain.GetOrAdd(entry.Metadata, IsPlain))
                return false;
        }
        return true;
    }

    private static readonly ConcurrentDictionary<IEntityType, bool> Plain = new();

    /// <summary>One table of its own, one generated key, no other generated values, nothing owned, no complex properties,
    /// at most 128 columns (an update's changed columns are a 128-bit set, <see cref="DirectStatements.Update"/>).</summary>
    private static bool IsPlain(IEntityType type) =>
        type.GetTableName() is not null && !type.IsOwned() && type.FindOwnership() is null
        && !type.GetComplexProperties().Any() && type.GetProperties().Count() <= 128
        && type.GetNavigations().All(n => !n.TargetEntityType.IsOwned())
        && type.FindPrimaryKey() is { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key] } && (key.ClrType == typeof(long) || key.ClrType == typeof(int))
        && type.GetProperties().All(p => p == key || p.ValueGenerated == ValueGenerated.Never)
        && type.GetDerivedTypes().FirstOrDefault() is null && type.BaseType is null
        && !type.GetTableMappings().Any(m => m.IsSharedTablePrincipal == true || m.Table.EntityTypeMappings.Count() > 1);
}
