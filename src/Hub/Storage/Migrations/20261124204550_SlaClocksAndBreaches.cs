using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SlaClocksAndBreaches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AtRiskRaisedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BreachRaisedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstRespondedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaAtRiskAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaKind",
                table: "Conversations",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaNextCheckAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaStartedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Breaches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetSeconds = table.Column<double>(type: "REAL", nullable: false),
                    BusinessHours = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OperatorId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Breaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Breaches_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaMeasurements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResponseSeconds = table.Column<double>(type: "REAL", nullable: false),
                    CountedSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Met = table.Column<bool>(type: "INTEGER", nullable: false),
                    OperatorId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaMeasurements_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_SlaDueAt",
                table: "Conversations",
                column: "SlaDueAt",
                filter: "SlaDueAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_SlaNextCheckAt",
                table: "Conversations",
                column: "SlaNextCheckAt",
                filter: "SlaNextCheckAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Breaches_Channel_RaisedAt",
                table: "Breaches",
                columns: new[] { "Channel", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Breaches_ConversationId_Kind_StartedAt",
                table: "Breaches",
                columns: new[] { "ConversationId", "Kind", "StartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Breaches_RaisedAt",
                table: "Breaches",
                column: "RaisedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_Channel_RespondedAt",
                table: "SlaMeasurements",
                columns: new[] { "Channel", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_ConversationId",
                table: "SlaMeasurements",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_RespondedAt",
                table: "SlaMeasurements",
                column: "RespondedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Breaches");

            migrationBuilder.DropTable(
                name: "SlaMeasurements");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_SlaDueAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_SlaNextCheckAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "AtRiskRaisedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "BreachRaisedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "FirstRespondedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SlaAtRiskAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SlaKind",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SlaNextCheckAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SlaStartedAt",
                table: "Conversations");
        }
    }
}
