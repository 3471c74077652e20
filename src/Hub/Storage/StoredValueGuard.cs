using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Omnichannel.Hub.Storage;

/// <summary>A value that no database provider can store as it is (longer than its column, or with a NUL character).
/// The API answers it with a 400 naming the field (<see cref="StoredValueRefusedHandler"/>); nothing is saved.</summary>
public sealed class StoredValueRefusedException(string entity, string property, string reason)
    : Exception($"{entity}.{property}: {reason}")
{
    public string Field { get; } = property;
    public string Reason { get; } = reason;
}

/// <summary>
/// The last line before the database, the same for SQLite and PostgreSQL: every added or changed text (after value
/// conversion) must fit its column's maximum length and hold no NUL character. SQLite ignores column lengths and
/// PostgreSQL refuses the whole statement with a server error — so without this the same input was a 200 on one and a
/// 500 on the other. Inputs are fitted or refused with a reason where they enter (<see cref="Adapters.Abstractions.StoredLimits"/>,
/// endpoint validation); this guard turns anything that slipped through into a clear refusal instead of a 5xx.
/// </summary>
public sealed class StoredValueGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <remarks>Detects changes once (the save's own detection then finds nothing new) and looks only at the properties
    /// stored as text that could hold a refused value, listed once per entity type.</remarks>
    private static void Check(DbContext? context)
    {
        if (context is null)
            return;
        if (context.ChangeTracker.AutoDetectChangesEnabled)
            context.ChangeTracker.DetectChanges();
        foreach (var entry in TrackedEntries.Undetected<object>(context.ChangeTracker))
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var text in TextProperties.GetOrAdd(entry.Metadata, Texts))
            {
                var property = entry.Property(text);
                if (entry.State == EntityState.Modified && !property.IsModified)
                    continue;
                if (Problem(property) is { } problem)
                    throw new StoredValueRefusedException(entry.Metadata.ClrType.Name, text.Name, problem);
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, IProperty[]> TextProperties = new();

    /// <summary>The entity type's properties whose stored form is text (strings, and values converted to strings), except
    /// enums stored by name whose every name fits the column: nothing a caller sets can make those too long.</summary>
    private static IProperty[] Texts(IEntityType type) =>
        [.. type.GetProperties().Where(p => (p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType) == typeof(string) && !AlwaysFits(p))];

    /// <summary>An enum (not flags) stored by its name, whose longest name fits the column's maximum length.</summary>
    public static bool AlwaysFits(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var converter = property.GetTypeMapping().Converter?.GetType();
        return type.IsEnum && !type.IsDefined(typeof(FlagsAttribute), inherit: false)
            && converter is { IsGenericType: true } && converter.GetGenericTypeDefinition() == typeof(EnumToStringConverter<>)
            && (property.GetMaxLength() is not { } max || Enum.GetNames(type).All(name => name.Length <= max));
    }

    /// <summary>Pure: why this property's current value cannot be stored, or null.</summary>
    public static string? Problem(PropertyEntry property)
    {
        var value = property.CurrentValue;
        if (value is null)
            return null;
        if (value is not string && property.Metadata.GetTypeMapping().Converter is { } converter)
            value = converter.ConvertToProvider(value);
        if (value is not string text)
            return null;
        if (property.Metadata.GetMaxLength() is { } max && text.Length > max)
            return $"{text.Length} characters; at most {max} are stored.";
        if (text.Contains('\0', StringComparison.Ordinal))
            return "contains a NUL character.";
        return null;
    }
}
