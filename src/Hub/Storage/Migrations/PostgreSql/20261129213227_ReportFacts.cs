using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ResolutionSeconds",
                table: "Conversations",
                type: "double precision",
                nullable: true);

            // The resolution-time fact of the conversations closed before this version.
            migrationBuilder.Sql("""
                UPDATE "Conversations" SET "ResolutionSeconds" = ROUND(EXTRACT(EPOCH FROM ("ClosedAt" - "CreatedAt"))::numeric, 3)::float8 WHERE "ClosedAt" IS NOT NULL;
                """);

            migrationBuilder.CreateTable(
                name: "PresenceSpells",
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
                    table.PrimaryKey("PK_PresenceSpells", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_Kind_Channel_ResponseSeconds_StartedAt",
                table: "SlaMeasurements",
                columns: new[] { "Kind", "Channel", "ResponseSeconds", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_StartedAt_Channel_Kind_Met_OperatorId_Respo~",
                table: "SlaMeasurements",
                columns: new[] { "StartedAt", "Channel", "Kind", "Met", "OperatorId", "ResponseSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Channel_ResolutionSeconds_CreatedAt",
                table: "Conversations",
                columns: new[] { "Channel", "ResolutionSeconds", "CreatedAt" },
                filter: "\"ResolutionSeconds\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ContactId_CreatedAt",
                table: "Conversations",
                columns: new[] { "ContactId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Reports",
                table: "Conversations",
                columns: new[] { "CreatedAt", "Channel", "AssignedOperatorId", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Breaches_StartedAt_Channel_OperatorId_ConversationId_DueAt",
                table: "Breaches",
                columns: new[] { "StartedAt", "Channel", "OperatorId", "ConversationId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PresenceSpells_OperatorId_EndedAt",
                table: "PresenceSpells",
                columns: new[] { "OperatorId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PresenceSpells_StartedAt_OperatorId_EndedAt",
                table: "PresenceSpells",
                columns: new[] { "StartedAt", "OperatorId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PresenceSpells");

            migrationBuilder.DropIndex(
                name: "IX_SlaMeasurements_Kind_Channel_ResponseSeconds_StartedAt",
                table: "SlaMeasurements");

            migrationBuilder.DropIndex(
                name: "IX_SlaMeasurements_StartedAt_Channel_Kind_Met_OperatorId_Respo~",
                table: "SlaMeasurements");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Channel_ResolutionSeconds_CreatedAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_ContactId_CreatedAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Reports",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Breaches_StartedAt_Channel_OperatorId_ConversationId_DueAt",
                table: "Breaches");

            migrationBuilder.DropColumn(
                name: "ResolutionSeconds",
                table: "Conversations");
        }
    }
}
