using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "QueueDeadline",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AlertDue",
                table: "Conversations",
                columns: new[] { "Channel", "State", "SupervisorsAlertedAt", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_BroadcastDue",
                table: "Conversations",
                columns: new[] { "Channel", "State", "BroadcastAt", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ChannelQueue",
                table: "Conversations",
                columns: new[] { "Channel", "QueueDeadline", "Id" },
                filter: "\"QueueDeadline\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OperatorLoad",
                table: "Conversations",
                columns: new[] { "AssignedOperatorId", "State", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Queue",
                table: "Conversations",
                columns: new[] { "QueueDeadline", "Id" },
                filter: "\"QueueDeadline\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_RecentlyClosed",
                table: "Conversations",
                columns: new[] { "Channel", "State", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AlertDue",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_BroadcastDue",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_ChannelQueue",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_OperatorLoad",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Queue",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_RecentlyClosed",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "QueueDeadline",
                table: "Conversations");
        }
    }
}
