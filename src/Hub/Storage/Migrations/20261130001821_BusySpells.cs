using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class BusySpells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BusySpells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OperatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusySpells", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BusySpells_OperatorId_EndedAt",
                table: "BusySpells",
                columns: new[] { "OperatorId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BusySpells_StartedAt_OperatorId_EndedAt",
                table: "BusySpells",
                columns: new[] { "StartedAt", "OperatorId", "EndedAt" });

            // Backfill: the spells of the history already stored, derived from the accepted offers.
            migrationBuilder.Sql(Omnichannel.Hub.Reports.BusySpells.DeriveSql(postgres: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusySpells");
        }
    }
}
