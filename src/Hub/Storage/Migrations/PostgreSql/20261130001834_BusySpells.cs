using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OperatorId = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
            migrationBuilder.Sql(Omnichannel.Hub.Reports.BusySpells.DeriveSql(postgres: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusySpells");
        }
    }
}
