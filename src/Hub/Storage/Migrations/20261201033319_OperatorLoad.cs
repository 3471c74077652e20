using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <summary>Each operator's live and async load as two counters on their row, kept by triggers (<see cref="OperatorLoadSql"/>)
    /// and counted once from what is stored.</summary>
    public partial class OperatorLoad : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AsyncLoad",
                table: "Operators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LiveLoad",
                table: "Operators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            foreach (var sql in OperatorLoadSql.SqliteUp())
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in OperatorLoadSql.SqliteDown())
                migrationBuilder.Sql(sql);

            migrationBuilder.DropColumn(
                name: "AsyncLoad",
                table: "Operators");

            migrationBuilder.DropColumn(
                name: "LiveLoad",
                table: "Operators");
        }
    }
}
