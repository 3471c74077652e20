namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>The guards explain each statement of a batch on its own: a semicolon inside a string, a quoted name or a
/// comment does not split, and only statements a database can explain are explained (never executed).</summary>
public sealed class SqlStatementsTests
{
    [Theory]
    [InlineData("SELECT 1", new[] { "SELECT 1" })]
    [InlineData("UPDATE \"T\" SET \"A\" = 'x;y' WHERE \"Id\" = @p0;\nSELECT changes();", new[] { "UPDATE \"T\" SET \"A\" = 'x;y' WHERE \"Id\" = @p0", "SELECT changes()" })]
    [InlineData("-- cost-probe; a tag\nSELECT \"a;b\" FROM \"T\"", new[] { "SELECT \"a;b\" FROM \"T\"" })]
    [InlineData("INSERT INTO \"T\" VALUES (@p0) RETURNING \"Id\";\n;  ;", new[] { "INSERT INTO \"T\" VALUES (@p0) RETURNING \"Id\"" })]
    public void Split_CutsAtSemicolonsOutsideQuotesAndComments(string sql, string[] expected) =>
        Assert.Equal(expected, SqlStatements.Split(sql));

    [Theory]
    [InlineData("SELECT 1", true)]
    [InlineData("  with x as (select 1) select * from x", true)]
    [InlineData("DELETE FROM \"DomainEvents\" WHERE \"Id\" IN (1)", true)]
    [InlineData("PRAGMA busy_timeout = 30000", false)]
    [InlineData("SAVEPOINT s1", false)]
    [InlineData("BEGIN", false)]
    public void Explainable_IsDataManipulationOnly(string statement, bool explainable) =>
        Assert.Equal(explainable, SqlStatements.Explainable(statement));
}
