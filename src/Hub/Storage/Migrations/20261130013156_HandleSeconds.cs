using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HandleSeconds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "HandleSeconds",
                table: "Conversations",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Handle",
                table: "Conversations",
                columns: new[] { "CreatedAt", "Channel", "AssignedOperatorId", "HandleSeconds" });

            // Back-fill the fact from the accepted offers of the chats closed so far.
            migrationBuilder.Sql(Omnichannel.Hub.Reports.HandleTimes.DeriveSql(postgres: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Handle",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "HandleSeconds",
                table: "Conversations");
        }
    }
}
