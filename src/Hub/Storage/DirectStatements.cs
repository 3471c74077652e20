using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Omnichannel.Hub.Storage;

/// <summary>One statement of <see cref="DirectSave"/>: the (cached, reusable) command and this row's parameter values.</summary>
public sealed record DirectStatement(IRelationalCommand Command, Dictionary<string, object?> Values);

/// <summary>
/// The INSERT and UPDATE commands of <see cref="DirectSave"/>, built once per entity type (per set of changed columns for
/// updates) from the model: the provider's quoting and parameter names, each column's type mapping (value converters
/// included). Keyed by the model's entity type, so SQLite and PostgreSQL models never share a command.
/// </summary>
public static class DirectStatements
{
    private static readonly ConcurrentDictionary<IEntityType, (IRelationalCommand Command, IProperty[] Columns)> Inserts = new();
    private static readonly ConcurrentDictionary<(IEntityType, string), (IRelationalCommand Command, IProperty[] Columns)> Updates = new();

    /// <summary><c>INSERT INTO t (every column but the key) VALUES (…) RETURNING key</c>.</summary>
    public static DirectStatement Insert(DbContext db, EntityEntry entry)
    {
        var (command, columns) = Inserts.GetOrAdd(entry.Metadata, type =>
        {
            var key = type.FindPrimaryKey()!.Properties[0];
            var columns = type.GetProperties().Where(p => p != key).ToArray();
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)))}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            return (Build(db, text, columns), columns);
        });
        var values = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            var property = entry.Property(columns[i]);
            if (property.IsTemporary)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name}.{columns[i].Name} still holds a temporary value: its principal is not saved yet.");
            values["p" + i] = property.CurrentValue;
        }
        return new DirectStatement(command, values);
    }

    /// <summary><c>UPDATE t SET (the changed columns) WHERE key = …</c>; null when nothing changed.</summary>
    public static DirectStatement? Update(DbContext db, EntityEntry entry)
    {
        var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToArray();
        if (changed.Length == 0)
            return null;
        var (command, columns) = Updates.GetOrAdd((entry.Metadata, string.Join(',', changed.Select(c => c.Name))), k =>
        {
            var key = k.Item1.FindPrimaryKey()!.Properties[0];
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(k.Item1.GetTableName()!, k.Item1.GetSchema());
            var sets = changed.Select((c, i) => $"{sql.DelimitIdentifier(c.GetColumnName(table)!)} = {sql.GenerateParameterNamePlaceholder("p" + i)}");
            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", sets)} "
                + $"WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = {sql.GenerateParameterNamePlaceholder("p" + changed.Length)}";
            IProperty[] columns = [.. changed, key];
            return (Build(db, text, columns), columns);
        });
        var values = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
            values["p" + i] = entry.Property(columns[i]).CurrentValue;
        return new DirectStatement(command, values);
    }

    private static IRelationalCommand Build(DbContext db, string text, IProperty[] columns)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(text);
        for (var i = 0; i < columns.Length; i++)
            builder.AddParameter("p" + i, sql.GenerateParameterName("p" + i), columns[i].GetRelationalTypeMapping(), columns[i].IsNullable);
        return builder.Build();
    }
}
