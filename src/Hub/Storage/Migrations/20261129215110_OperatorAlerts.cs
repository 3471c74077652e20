using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OperatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Means = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    FallbackAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
