using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

// EF Core's entry state (InternalEntityEntry): each column's value and whether it changed, read without a PropertyEntry
// allocated per column and row — 14 % of DirectSave's allocations (a conversation has dozens of columns).
#pragma warning disable EF1001

namespace Omnichannel.Hub.Storage;

/// <summary>The SQL of one kind of <see cref="DirectSave"/> statement and the columns its parameters take, in order.</summary>
/// <param name="Names">Each parameter's name (the provider's form of p0, p1, …).</param>
public sealed record DirectShape(string Text, IProperty[] Columns, string[] Names);

/// <summary>One statement of <see cref="DirectSave"/>: its shape and this row's values, one per column of the shape.</summary>
public readonly record struct DirectStatement(DirectShape Shape, object?[] Values);

/// <summary>
/// The INSERT and UPDATE statements of <see cref="DirectSave"/>, built once per entity type (per set of changed columns for
/// updates) from the model: the provider's quoting and parameter names. Keyed by the model's entity type, so SQLite and
/// PostgreSQL models never share a shape.
/// </summary>
public static class DirectStatements
{
    private static readonly ConcurrentDictionary<IEntityType, DirectShape> Inserts = new();
    private static readonly ConcurrentDictionary<(IEntityType, UInt128), DirectShape> Updates = new();

    /// <summary><c>INSERT INTO t (every column but the key) VALUES (…) RETURNING key</c>.</summary>
    public static DirectStatement Insert(DbContext db, EntityEntry entry)
    {
        var shape = Inserts.GetOrAdd(entry.Metadata, type =>
        {
            var key = type.FindPrimaryKey()!.Properties[0];
            var columns = type.GetProperties().Where(p => p != key).ToArray();
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)))}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            return Shape(sql, text, columns);
        });
        var row = entry.GetInfrastructure();
        var values = new object?[shape.Columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (row.HasTemporaryValue(shape.Columns[i]))
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name}.{shape.Columns[i].Name} still holds a temporary value: its principal is not saved yet.");
            values[i] = row.GetCurrentValue(shape.Columns[i]);
        }
        return new DirectStatement(shape, values);
    }

    /// <summary>One <c>INSERT … VALUES (…), (…) RETURNING key</c> for several rows of one type (SQLite: see
    /// <see cref="DirectSave"/>).</summary>
    public static DirectStatement InsertMany(DbContext db, IReadOnlyList<EntityEntry> entries)
    {
        var type = entries[0].Metadata;
        var shape = Many.GetOrAdd((type, entries.Count), k =>
        {
            var one = Insert(db, entries[0]).Shape;
            var sql = db.GetService<ISqlGenerationHelper>();
            var width = one.Columns.Length;
            var rows = Enumerable.Range(0, k.Item2).Select(r => $"({string.Join(", ", Enumerable.Range(r * width, width).Select(i => sql.GenerateParameterNamePlaceholder("p" + i)))})");
            var head = one.Text[..one.Text.IndexOf(" VALUES (", StringComparison.Ordinal)];
            var returning = one.Text[one.Text.LastIndexOf(" RETURNING ", StringComparison.Ordinal)..];
            IProperty[] columns = [.. Enumerable.Range(0, k.Item2).SelectMany(_ => one.Columns)];
            return Shape(sql, $"{head} VALUES {string.Join(", ", rows)}{returning}", columns);
        });
        var values = new object?[shape.Columns.Length];
        var at = 0;
        foreach (var entry in entries)
            foreach (var value in Insert(db, entry).Values)
                values[at++] = value;
        return new DirectStatement(shape, values);
    }

    private static readonly ConcurrentDictionary<(IEntityType, int), DirectShape> Many = new();

    /// <summary><c>UPDATE t SET (the changed columns) WHERE key = …</c>; null when nothing changed.</summary>
    public static DirectStatement? Update(DbContext db, EntityEntry entry)
    {
        var row = entry.GetInfrastructure();
        // The changed columns as a set of property indexes (at most 128 columns: DirectSave's IsPlain): the shape's key,
        // with no string built per row.
        UInt128 changed = 0;
        foreach (var property in entry.Metadata.GetProperties())
        {
            if (row.IsModified(property))
                changed |= UInt128.One << property.GetIndex();
        }
        if (changed == 0)
            return null;
        var shape = Updates.GetOrAdd((entry.Metadata, changed), k =>
        {
            var columns = k.Item1.GetProperties().Where(p => (k.Item2 & (UInt128.One << p.GetIndex())) != 0).ToArray();
            var key = k.Item1.FindPrimaryKey()!.Properties[0];
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(k.Item1.GetTableName()!, k.Item1.GetSchema());
            var sets = columns.Select((c, i) => $"{sql.DelimitIdentifier(c.GetColumnName(table)!)} = {sql.GenerateParameterNamePlaceholder("p" + i)}");
            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", sets)} "
                + $"WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = {sql.GenerateParameterNamePlaceholder("p" + columns.Length)}";
            return Shape(sql, text, [.. columns, key]);
        });
        var values = new object?[shape.Columns.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = row.GetCurrentValue(shape.Columns[i]);
        return new DirectStatement(shape, values);
    }

    private static DirectShape Shape(ISqlGenerationHelper sql, string text, IProperty[] columns) =>
        new(text, columns, [.. columns.Select((_, i) => sql.GenerateParameterName("p" + i))]);
}
