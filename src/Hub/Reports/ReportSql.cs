using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// Database functions the reports group by. <see cref="Hour"/> is the UTC hour of a time as text, "yyyy-MM-dd HH": a
/// cheap prefix of SQLite's stored text (instead of EF's date arithmetic per row), to_char on PostgreSQL.
/// </summary>
public static class ReportSql
{
    public static string Hour(DateTime at) => throw new InvalidOperationException("ReportSql.Hour runs in the database only.");

    public static DateTime ParseHour(string hour) =>
        DateTime.SpecifyKind(DateTime.ParseExact(hour, "yyyy-MM-dd HH", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static void Map(ModelBuilder modelBuilder, bool postgres) =>
        modelBuilder.HasDbFunction(typeof(ReportSql).GetMethod(nameof(Hour))!).HasTranslation(args => postgres
            ? new SqlFunctionExpression("to_char", [new AtUtc(args[0]), new SqlFragmentExpression("'YYYY-MM-DD HH24'")], true, [true, false], typeof(string), null)
            : new SqlFunctionExpression("substr", [args[0], new SqlFragmentExpression("1"), new SqlFragmentExpression("13")], true, [true, false, false], typeof(string), null));

    /// <summary>PostgreSQL: a timestamptz read in UTC whatever the session's time zone.</summary>
    private sealed class AtUtc(SqlExpression at) : SqlFunctionExpression("timezone", [new SqlFragmentExpression("'UTC'"), at], true, [false, true], typeof(DateTime), at.TypeMapping);
}
