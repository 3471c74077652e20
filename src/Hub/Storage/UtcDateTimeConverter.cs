using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Omnichannel.Hub.Storage;

public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
