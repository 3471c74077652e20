using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OperatorReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SlaMeasurements_Operators",
                table: "SlaMeasurements",
                columns: new[] { "Kind", "StartedAt", "Channel", "OperatorId", "Met", "ResponseSeconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaMeasurements_Operators",
                table: "SlaMeasurements");
        }
    }
}
