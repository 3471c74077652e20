using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// The hub's store on PostgreSQL: the same model, its own migration set (Storage/Migrations/PostgreSql).
/// <c>dotnet-ef migrations add Name --project src/Hub --context PostgreSqlDb --output-dir Storage/Migrations/PostgreSql
/// -- --Storage:Provider=PostgreSql "--Storage:ConnectionString=Host=localhost"</c> (no server needed). No design-time
/// factory on purpose: IDesignTimeDbContextFactory is covariant, so one for this class would also build the SQLite
/// <see cref="OmnichannelDb"/> for <c>--context OmnichannelDb</c>.
/// </summary>
public sealed partial class PostgreSqlDb(DbContextOptions<PostgreSqlDb> options) : OmnichannelDb(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The shared configurations write index filters in SQLite's form ("SlaDueAt IS NOT NULL"); PostgreSQL folds
        // unquoted names to lower case, so the column names are quoted here.
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredIndexes()))
            if (index.GetFilter() is { } filter)
                index.SetFilter(ColumnName().Replace(filter, m => $"\"{m.Value}\""));
    }

    [GeneratedRegex(@"(?<![""\w])[A-Z]\w*(?![""\w])(?=\s+IS\b)")]
    private static partial Regex ColumnName();
}
