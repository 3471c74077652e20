using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OperatorAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OperatorAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OperatorId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    OfferId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Body = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Means = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    FallbackAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperatorAlerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OperatorAlerts_ConversationId",
                table: "OperatorAlerts",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_OperatorAlerts_FallbackAt",
                table: "OperatorAlerts",
                column: "FallbackAt");

            migrationBuilder.CreateIndex(
                name: "IX_OperatorAlerts_OfferId",
                table: "OperatorAlerts",
                column: "OfferId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OperatorAlerts");
        }
    }
}
