using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Omnichannel.Hub.Storage;

/// <summary>
/// The hub's store on PostgreSQL: the same model, its own migration set (Storage/Migrations/PostgreSql).
/// <c>dotnet-ef migrations add Name --project src/Hub --context PostgreSqlDb --output-dir Storage/Migrations/PostgreSql</c>.
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

/// <summary>Lets <c>dotnet-ef</c> build the PostgreSQL model without a server (adding a migration never connects).</summary>
internal sealed class PostgreSqlDbDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDb>
{
    public PostgreSqlDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDb>().UseNpgsql("Host=localhost;Database=omnichannel").Options);
}
