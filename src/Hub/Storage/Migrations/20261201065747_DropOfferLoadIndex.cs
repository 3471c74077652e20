using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Omnichannel.Hub.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DropOfferLoadIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offers_OperatorId_State_Live",
                table: "Offers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Offers_OperatorId_State_Live",
                table: "Offers",
                columns: new[] { "OperatorId", "State", "Live" });
        }
    }
}
