using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OperatorReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "HandleSeconds",
                table: "Conversations",
                type: "REAL",
                nullable: true);

            // Back-fill the handle-time fact from the accepted offers of the chats closed so far.
            migrationBuilder.Sql(Omnichannel.Hub.Reports.HandleTimes.DeriveSql(postgres: false));

            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_Operators",
                table: "SlaMeasurements",
                columns: new[] { "Kind", "OperatorId", "StartedAt", "Channel", "Met", "ResponseSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Durations",
                table: "Conversations",
                columns: new[] { "CreatedAt", "Channel", "AssignedOperatorId", "HandleSeconds", "ResolutionSeconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaMeasurements_Operators",
                table: "SlaMeasurements");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Durations",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "HandleSeconds",
                table: "Conversations");
        }
    }
}
